/**
 * The world generator: a recipe in, a world whose true influence is known out, deterministic for a seed.
 * Stages, each with its own random stream so a change in one leaves the others' draws alone:
 * people and accounts (`population.ts`), scenarios' shaping, the follow graph (`follow-graph.ts`) and the
 * scenarios' edges, original posts (`posting.ts`), organic reactions by cascades (`reactions.ts`), then the
 * scenarios' reactions. The result is columnar (typed arrays of integer indexes, kind codes and epoch
 * milliseconds), cheap to hand to DuckDB or across a Web Worker boundary. Browser-safe: no Node imports.
 *
 * @example const world = generateWorld(resolveRecipe({seed: 7, accounts: 20000}));
 */
import {WorldBuilder, type Population} from "./builder.js";
import {indexFollows, organicFollows, type FollowGraph} from "./follow-graph.js";
import {generatePopulation, isDormant} from "./population.js";
import {originalPosts} from "./posting.js";
import {organicReactions} from "./reactions.js";
import type {Recipe} from "./recipe.js";
import {integerBelow, shuffle, stream} from "./sampling.js";
import {ROLES, SCENARIOS} from "./scenarios/index.js";
import type {PickOptions, ScenarioContext} from "./scenarios/scenario.js";

export interface World {
  recipe: Recipe;
  networks: readonly string[];
  roles: readonly string[];
  start: number;
  end: number;
  population: Population;
  /** Reported counts per account. */
  followers: Int32Array;
  following: Int32Array;
  listed: Int32Array;
  verified: Uint8Array;
  follows: FollowGraph;
  posts: {
    author: Int32Array;
    time: Float64Array;
    /** Index into `POST_KIND_NAMES`. */
    kind: Uint8Array;
    /** Post indexes, or -1. */
    parent: Int32Array;
    root: Int32Array;
    /** Index into `TOPICS`, or -1. */
    topic: Int32Array;
    /** Index into `TEMPLATES`, or -1. */
    template: Int32Array;
    /** Account index, or -1. */
    mention: Int32Array;
  };
  interactions: {
    actor: Int32Array;
    target: Int32Array;
    /** Post index, or -1. */
    post: Int32Array;
    /** Index into `INTERACTION_KIND_NAMES`. */
    kind: Uint8Array;
    time: Float64Array;
  };
}

/** Called with a stage name and the fraction of the whole generation done. */
export type Progress = (stage: string, fraction: number) => void;

/**
 * A point in the generation at which the world's rows so far are final (`generateWorldInStages`):
 * - `accounts`: the accounts, their roles and influence, the follow graph and the reported counts; no posts or
 *   interactions yet;
 * - `posts`: also the posts accounts write of their own accord, and the mentions they make (the reactions then add
 *   replies, reposts, quotes and likes after them);
 * - `reactions`: also the reactions to the first quarter, half or three quarters of those posts, and the posts
 *   they make.
 */
export type WorldStage = "accounts" | "posts" | "reactions";

/** The organic reactions pause this many times less one (`WorldStage` "reactions"). */
const REACTION_PARTS = 4;

/** Stream numbers of the stages' random generators. */
const STREAMS = {people: 1, pick: 2, follows: 3, posts: 4, reactions: 5, counts: 6, scenarios: 100};

/** A stage of the generation and the world as it stands then (`generateWorldInStages`). */
export interface StagedWorld {
  stage: WorldStage;
  world: World;
}

/** Generates the world of `recipe`; `onStage` sees each stage's world before the generation goes on. */
export function generateWorld(
  recipe: Recipe,
  onProgress: Progress = () => {},
  onStage: (staged: StagedWorld) => void = () => {}
): World {
  const stages = generateWorldInStages(recipe, onProgress);
  for (;;) {
    const next = stages.next();
    if (next.done) return next.value;
    onStage(next.value);
  }
}

/**
 * `generateWorld` in steps: yields the world as it stands at each `WorldStage`, then returns the whole world. Rows
 * present at a stage never change later; later stages only add rows after them, so a consumer (the lab's load into
 * duckdb-wasm) may take them while the rest is generated. Each world yielded shares its arrays with the generation.
 */
export function* generateWorldInStages(
  recipe: Recipe,
  onProgress: Progress = () => {}
): Generator<StagedWorld, World, void> {
  const start = Date.parse(`${recipe.start}T00:00:00Z`);
  const end = start + recipe.days * 86_400_000;
  const active = recipe.scenarios.map((id) => ({
    id,
    scenario: SCENARIOS[id],
    share: recipe.shares[id] ?? SCENARIOS[id].defaultShare
  }));
  const reservations = active.map(({scenario, share}) => scenario.reserve?.(recipe.accounts, share) ?? 0);
  const reserved = reservations.reduce((sum, n) => sum + n, 0);
  if (reserved >= recipe.accounts) {
    throw new RangeError(
      `simulation/world: the scenarios need ${reserved} accounts of their own; --accounts ${recipe.accounts} leaves none for people`
    );
  }
  onProgress("people", 0);
  const population = generatePopulation(
    stream(recipe.seed, STREAMS.people),
    recipe.accounts,
    reserved,
    recipe.networks.length,
    recipe.params,
    start
  );
  const build = new WorldBuilder(population, recipe.networks, ROLES, start, end);

  const pick = picker(population, recipe.accounts - reserved, stream(recipe.seed, STREAMS.pick));
  let firstReserved = recipe.accounts - reserved;
  const contexts: ScenarioContext[] = active.map(({id}, k) => {
    const mine = Int32Array.from({length: reservations[k]!}, (_, i) => firstReserved + i);
    firstReserved += reservations[k]!;
    return {
      build,
      random: stream(recipe.seed, STREAMS.scenarios + k),
      accounts: recipe.accounts,
      reserved: mine,
      pick: (n, options) => pick(id, n, options)
    };
  });
  const states = active.map(({scenario, share}, k) => scenario.shape(contexts[k]!, share));

  onProgress("follows", 0.05);
  // Room for the rows up front (estimates from the recipe), so the columns rarely grow by copying.
  build.reserve({follows: recipe.accounts * recipe.params.meanFollowing * 1.15});
  organicFollows(build, stream(recipe.seed, STREAMS.follows), recipe.params);
  active.forEach(({scenario}, k) => scenario.follow?.(contexts[k]!, states[k]));
  const follows = indexFollows(build);
  const counts = reportedCounts(population, follows, stream(recipe.seed, STREAMS.counts));
  const world = (): World => ({
    recipe,
    networks: recipe.networks,
    roles: ROLES,
    start,
    end,
    population,
    ...counts,
    follows,
    posts: {
      author: build.postAuthor.values(),
      time: build.postTime.values(),
      kind: build.postKind.values(),
      parent: build.postParent.values(),
      root: build.postRoot.values(),
      topic: build.postTopic.values(),
      template: build.postTemplate.values(),
      mention: build.postMention.values()
    },
    interactions: {
      actor: build.actor.values(),
      target: build.target.values(),
      post: build.interactionPost.values(),
      kind: build.interactionKind.values(),
      time: build.interactionTime.values()
    }
  });
  yield {stage: "accounts", world: world()};

  onProgress("posts", 0.25);
  let expectedPosts = 0;
  for (let a = 0; a < population.count; a++)
    expectedPosts += population.silent[a] ? 0 : population.postsPerDay[a]! * recipe.days;
  build.reserve({posts: expectedPosts * 2.5, interactions: expectedPosts * 5});
  originalPosts(build, follows, stream(recipe.seed, STREAMS.posts), recipe.days);
  yield {stage: "posts", world: world()};
  onProgress("reactions", 0.3);
  const reactions = organicReactions(
    build,
    follows,
    stream(recipe.seed, STREAMS.reactions),
    recipe.params,
    (f) => onProgress("reactions", 0.3 + 0.65 * f),
    REACTION_PARTS
  );
  while (!reactions.next().done) yield {stage: "reactions", world: world()};
  active.forEach(({scenario}, k) => scenario.react?.({...contexts[k]!, follows}, states[k]));

  onProgress("done", 1);
  return world();
}

/**
 * Draws scenario accounts: organic, active people's accounts in a seeded random order, each handed out once.
 * `belowQuantile` compares with the people's influence quantiles, computed once.
 */
function picker(p: Population, peopleAccounts: number, random: () => number) {
  const order = shuffle(
    random,
    Int32Array.from({length: peopleAccounts}, (_, i) => i)
  );
  const sorted = Float64Array.from(p.influence.subarray(0, peopleAccounts)).sort();
  const taken = new Uint8Array(p.count);
  return (scenario: string, n: number, {network, belowQuantile = 1}: PickOptions = {}): number[] => {
    const ceiling = belowQuantile >= 1 ? Infinity : sorted[Math.floor(belowQuantile * (sorted.length - 1))]!;
    const chosen: number[] = [];
    for (let k = 0; k < order.length && chosen.length < n; k++) {
      const account = order[k]!;
      if (taken[account] || isDormant(p, account) || p.influence[account]! >= ceiling) continue;
      if (network !== undefined && p.network[account] !== network) continue;
      taken[account] = 1;
      chosen.push(account);
    }
    if (n > 0 && chosen.length === 0) {
      throw new RangeError(`simulation/world: scenario ${scenario} found no account to take; the world is too small`);
    }
    return chosen;
  };
}

/**
 * Counts a platform would report: followers and following from the follow graph (bought followers
 * included, as platforms count them), lists in proportion to organic followers (people list whom they read),
 * and the verified badge for a few of the most followed.
 */
function reportedCounts(p: Population, follows: FollowGraph, random: () => number) {
  const followers = new Int32Array(p.count);
  const following = new Int32Array(p.count);
  const organic = new Int32Array(p.count);
  for (let e = 0; e < follows.follower.length; e++) {
    const a = follows.follower[e]!;
    const b = follows.followee[e]!;
    following[a]!++;
    followers[b]!++;
    if (!p.silent[a]) organic[b]!++;
  }
  const listed = new Int32Array(p.count);
  const verified = new Uint8Array(p.count);
  const threshold = Float64Array.from(organic).sort()[Math.floor(0.995 * (p.count - 1))]!;
  for (let a = 0; a < p.count; a++) {
    listed[a] = integerBelow(random, Math.floor(organic[a]! * 0.02) + 1);
    verified[a] = organic[a]! > threshold && random() < 0.7 ? 1 : 0;
  }
  return {followers, following, listed, verified};
}
