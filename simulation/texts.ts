/**
 * Post texts, generated from templates so the text entities of Twitalyzer-style features are there to find:
 * pleasantries, questions (which draw replies), links, hashtags and mentions. A post stores the index of
 * its template; `{tag}` becomes the post's topic as a hashtag, `{handle}` the mentioned account's handle
 * with an `@`, `{link}` a link unique to the post. Rendering happens where the rows are written (in SQL for
 * the Node warehouse, `renderText` elsewhere), so millions of posts never become millions of JS strings.
 */
export const TEXT_STYLES = ["pleasantry", "question", "link", "statement", "mention", "reply", "quote"] as const;
export type TextStyle = (typeof TEXT_STYLES)[number];

const CATALOGUE: Record<TextStyle, readonly string[]> = {
  pleasantry: [
    "good morning everyone",
    "good morning! have a great day",
    "happy friday!",
    "good night all",
    "thank you all for the follows",
    "what a lovely day",
    "coffee time",
    "have a nice weekend"
  ],
  question: [
    "what do you all think about {tag}?",
    "anyone else following {tag} today? thoughts?",
    "honest question: where is {tag} heading this year?",
    "which {tag} story surprised you most this week?",
    "can someone explain the latest {tag} news to me?",
    "what should I read next on {tag}?"
  ],
  link: [
    "new piece on {tag}: {link}",
    "worth reading {link} {tag}",
    "we wrote about {tag} here {link}",
    "long read, good read: {link}"
  ],
  statement: [
    "three things I learned about {tag} this week",
    "the {tag} debate is missing the point",
    "small thread on {tag}",
    "today in {tag}: more than meets the eye",
    "hot take: {tag} is underrated"
  ],
  mention: [
    "great conversation with {handle} about {tag}",
    "{handle} is right about {tag}",
    "thanks {handle} for the {tag} tip"
  ],
  reply: ["great point", "agreed!", "not sure about that", "this, exactly", "thanks for sharing", "interesting, why?"],
  quote: ["this is worth a read", "important {tag} thread", "adding to this:", "exactly what I meant"]
};

/** Every template, in one list: a post's text is `TEMPLATES[index]` rendered. */
export const TEMPLATES: readonly string[] = TEXT_STYLES.flatMap((style) => CATALOGUE[style]);

/** The first template index of each style and how many the style has. */
export const STYLE_RANGE: Record<TextStyle, {first: number; count: number}> = (() => {
  let first = 0;
  const ranges = {} as Record<TextStyle, {first: number; count: number}>;
  for (const style of TEXT_STYLES) {
    ranges[style] = {first, count: CATALOGUE[style].length};
    first += CATALOGUE[style].length;
  }
  return ranges;
})();

/** The link a post's `{link}` renders to. */
export const LINK_PREFIX = "https://sim.example/p/";
export const linkOf = (postIndex: number): string => `${LINK_PREFIX}${postIndex}`;

/** The text of one post, rendered as the warehouse writer renders it. */
export function renderText(template: string, postIndex: number, topic?: string, handle?: string): string {
  return template
    .replaceAll("{tag}", topic ? `#${topic}` : "")
    .replaceAll("{handle}", handle ? `@${handle}` : "")
    .replaceAll("{link}", linkOf(postIndex));
}
