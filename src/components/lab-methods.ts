/**
 * The methods the simulation lab judges unless others are chosen, in a module of their own: the page's state
 * (`simulate.ts`) and the lab's worker (`simulate-run.ts`, which warms duckdb-wasm up on them) both read them, and
 * neither should load the other's code.
 *
 * The main scores of the four commercial styles and the baselines followers, reactions received and PageRank (on
 * interactions, and on follows, which costs little more: the spread reads the same follow graph), in registry
 * order. Scoring all 27 methods takes several times as long in a browser; these give the comparison the page is
 * for in under 2 s for the default 2,000 accounts (4-6 s for 20,000 on two cores once duckdb-wasm has started, `npm run bench`).
 */
export const LAB_METHODS: readonly string[] = Object.freeze([
  "klout",
  "kred",
  "peerindex",
  "twitalyzer-impact",
  "followers",
  "reactions",
  "pagerank",
  "pagerank-follows"
]);
