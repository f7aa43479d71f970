/** The named topics of a simulated world, with their relative popularity (a Zipf-like 1/rank share). */
export const TOPICS = [
  "climate",
  "football",
  "ai",
  "music",
  "politics",
  "food",
  "travel",
  "science",
  "gaming",
  "finance",
  "health",
  "film"
] as const;

export type Topic = (typeof TOPICS)[number];

/** Popularity weight of the topic at `index`: 1 / (rank + 1), rank = index. */
export const topicWeight = (index: number): number => 1 / (index + 1);

/** The indexes of the topics whose bits are set in `bits` (an account's topic set). */
export function topicIndexes(bits: number): number[] {
  const indexes: number[] = [];
  for (let t = 0; t < TOPICS.length; t++) if ((bits >> t) & 1) indexes.push(t);
  return indexes;
}
