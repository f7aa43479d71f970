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
