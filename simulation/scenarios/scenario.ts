/**
 * What a gaming scenario is: a share of the accounts that behave in one recognisable way, with the roles it
 * records in `truth.role`, and up to three hooks the generator calls in order — `shape` (after the people
 * exist: pick accounts, set roles and attributes), `follow` (after the organic follow graph: add edges) and
 * `react` (after the organic reactions: add interactions). A scenario never changes an account's latent
 * influence: what gaming does not change is what the truth holds.
 */
import {POST, type WorldBuilder} from "../builder.js";
import type {FollowGraph} from "../follow-graph.js";
import type {Rng} from "../sampling.js";

export interface PickOptions {
  /** Only accounts on this network. */
  network?: number;
  /** Only accounts whose influence is below this quantile of the people's influence (0–1). */
  belowQuantile?: number;
}

export interface ScenarioContext {
  readonly build: WorldBuilder;
  readonly random: Rng;
  /** Every account in the world. */
  readonly accounts: number;
  /** The silent accounts reserved for this scenario (see `Scenario.reserve`). */
  readonly reserved: Int32Array;
  /** The follow graph, once built (in `react`). */
  readonly follows?: FollowGraph;
  /** Up to `n` organic, active people's accounts not yet taken by a scenario, at random; marks them taken. */
  pick(n: number, options?: PickOptions): number[];
}

export interface Scenario<State = unknown> {
  readonly id: string;
  /** Roles this scenario writes to `truth.role`. */
  readonly roles: readonly string[];
  /** Share of the world's accounts the scenario takes, unless the recipe says otherwise. */
  readonly defaultShare: number;
  /** How many silent accounts of its own (bots, bought followers) the scenario needs. */
  reserve?(accounts: number, share: number): number;
  shape(context: ScenarioContext, share: number): State;
  follow?(context: ScenarioContext, state: State): void;
  react?(context: ScenarioContext, state: State): void;
}

/** Every original post (not a reply, repost or quote), with its author and time. */
export function forEachOriginalPost(
  build: WorldBuilder,
  visit: (post: number, author: number, time: number) => void
): void {
  const count = build.postAuthor.length;
  for (let post = 0; post < count; post++) {
    if (build.postKind.at(post) === POST) visit(post, build.postAuthor.at(post), build.postTime.at(post));
  }
}

/** Splits `members` into consecutive groups of sizes drawn from [min, max]; a short tail joins the last group. */
export function groups(members: readonly number[], random: Rng, min: number, max: number): number[][] {
  const result: number[][] = [];
  let at = 0;
  while (at < members.length) {
    const size = min + Math.floor(random() * (max - min + 1));
    const group = members.slice(at, at + size);
    if (group.length < min && result.length > 0) result[result.length - 1]!.push(...group);
    else result.push(group);
    at += size;
  }
  return result;
}
