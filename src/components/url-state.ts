/**
 * Page state in the URL's query string, so that any view can be shared or cited: reading the URL restores
 * the view, and every change of a control rewrites the URL in place (no new history entry per keystroke).
 * Unknown or malformed parameters are ignored rather than fatal: a hand-edited link still opens the page.
 */

/** What a page may keep in its URL. */
export interface PageState {
  /** The dataset's name (absent: the built-in world). */
  dataset?: string;
  /** The profile's account id. */
  account?: string;
  /** The overview's method. */
  method?: string;
  /** The methods compared, in order. */
  methods?: string[];
  /** The methods on the comparison scatter's axes. */
  x?: string;
  y?: string;
  /** The length of the top lists compared. */
  k?: number;
  /** The correlation coefficient shown: spearman or kendall. */
  coefficient?: string;
  /** The network explorer's reach: one or two hops. */
  hops?: 1 | 2;
  /** The topics page's topic. */
  topic?: string;
  /** The timing page's UTC offset in hours (`-5`, `5.5`, `5.75`). */
  offset?: number;
}

type Codec<T> = {decode(text: string): T | undefined; encode(value: T): string};

const text: Codec<string> = {decode: (value) => (value === "" ? undefined : value), encode: (value) => value};
const list: Codec<string[]> = {
  decode: (value) => {
    const items = value.split(",").filter((item) => item !== "");
    return items.length > 0 ? items : undefined;
  },
  encode: (value) => value.join(",")
};
const positiveInteger: Codec<number> = {
  decode: (value) => (/^[1-9]\d{0,8}$/.test(value) ? Number(value) : undefined),
  encode: (value) => String(value)
};

const hops: Codec<1 | 2> = {
  decode: (value) => (value === "1" ? 1 : value === "2" ? 2 : undefined),
  encode: (value) => String(value)
};
const hours: Codec<number> = {
  decode: (value) => (/^-?\d{1,2}(\.\d{1,2})?$/.test(value) ? Number(value) : undefined),
  encode: (value) => String(value)
};

const FIELDS: {[K in keyof Required<PageState>]: Codec<Required<PageState>[K]>} = {
  dataset: text,
  account: text,
  method: text,
  methods: list,
  x: text,
  y: text,
  k: positiveInteger,
  coefficient: text,
  hops,
  topic: text,
  offset: hours
};

/**
 * The page state in a query string (`location.search`).
 *
 * @example
 * decodeState("?account=twitter%3A1001&k=20&methods=klout,reactions");
 * // => {account: "twitter:1001", k: 20, methods: ["klout", "reactions"]}
 */
export function decodeState(search: string): PageState {
  const params = new URLSearchParams(search);
  const state: Record<string, unknown> = {};
  for (const [key, codec] of Object.entries(FIELDS) as [keyof PageState, Codec<unknown>][]) {
    const raw = params.get(key);
    const value = raw === null ? undefined : codec.decode(raw);
    if (value !== undefined) state[key] = value;
  }
  return state as PageState;
}

/**
 * `href` with the fields of `patch` set in its query string (an undefined field is removed), other parameters
 * and the fragment kept.
 */
export function withState(href: string, patch: Partial<PageState>): string {
  const url = new URL(href);
  for (const [key, value] of Object.entries(patch) as [keyof PageState, unknown][]) {
    const codec = FIELDS[key] as Codec<unknown> | undefined;
    if (!codec) continue;
    if (value === undefined) url.searchParams.delete(key);
    else url.searchParams.set(key, codec.encode(value));
  }
  return url.href;
}

/**
 * A relative link to `path` (a page such as `profile.html`) showing `state`.
 *
 * @example
 * pageLink("profile.html", {account: "twitter:1001"}); // => "profile.html?account=twitter%3A1001"
 */
export function pageLink(path: string, state: PageState): string {
  const base = "http://site.invalid/";
  const url = new URL(withState(new URL(path, base).href, state));
  return `${path}${url.search}`;
}

/** Rewrites the current page's URL with `patch`, in place. */
export function replaceUrlState(patch: Partial<PageState>): void {
  const next = withState(location.href, patch);
  if (next !== location.href) history.replaceState(history.state, "", next);
}
