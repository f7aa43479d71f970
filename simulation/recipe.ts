/**
 * A world's recipe: the generator's parameters as plain JSON (files in `data/worlds/`), validated up front
 * so a bad value fails with the option or field that holds it. Unknown fields are refused rather than
 * ignored, so a misspelt parameter cannot silently fall back to its default.
 */
import {SCENARIO_IDS, type ScenarioId} from "./scenarios/index.js";

export interface WorldParams {
  /** σ of ln(latent influence); influence is log-normal with median 1 (see `people.ts`). */
  influenceSigma: number;
  /** Share of people holding an account on a second network. */
  multiNetworkShare: number;
  /** Of those, the share whose second account is nearly inactive. */
  dormantShare: number;
  /** Mean number of accounts an account follows. */
  meanFollowing: number;
  /** Exponent of influence in the attraction of a followee (preferential by influence). */
  followInfluenceExponent: number;
  /** σ of the log-normal noise on follow attraction (what followers owe to other things than influence). */
  followNoiseSigma: number;
  /** Share of an account's follows chosen within its own topics (the rest anywhere). */
  followTopicShare: number;
  /** Median original posts per day of an ordinary account. */
  postsPerDay: number;
  /** Probability that a follower, awake and interested, reacts to a post of an author of influence 1. */
  reactionRate: number;
  /** Exponent of the author's influence in the reaction probability. */
  reactionInfluenceExponent: number;
  /** Multiplier of the reaction probability when the reactor is asleep. */
  asleepFactor: number;
  /** Multiplier of the reaction probability when the post's topic is not among the reactor's. */
  offTopicFactor: number;
  /** Multiplier of the reaction probability for second-hand exposure (through a repost). */
  cascadeDecay: number;
  /** Mean delay of a reaction after the post, in minutes. */
  meanDelayMinutes: number;
}

export interface Recipe {
  seed: number;
  accounts: number;
  days: number;
  /** First day of the world, `YYYY-MM-DD` (UTC). */
  start: string;
  networks: string[];
  scenarios: ScenarioId[];
  /** Share of the accounts in each scenario, overriding the scenario's default. */
  shares: Partial<Record<ScenarioId, number>>;
  params: WorldParams;
}

export const DEFAULT_PARAMS: Readonly<WorldParams> = Object.freeze({
  influenceSigma: 1.1,
  multiNetworkShare: 0.25,
  dormantShare: 0.5,
  meanFollowing: 40,
  followInfluenceExponent: 1,
  followNoiseSigma: 1,
  followTopicShare: 0.7,
  postsPerDay: 0.08,
  reactionRate: 0.05,
  reactionInfluenceExponent: 0.8,
  asleepFactor: 0.1,
  offTopicFactor: 0.3,
  cascadeDecay: 0.5,
  meanDelayMinutes: 90
});

export const DEFAULT_RECIPE: Readonly<Omit<Recipe, "params">> = Object.freeze({
  seed: 1,
  accounts: 5000,
  days: 90,
  start: "2026-01-01",
  networks: ["sim-x", "sim-mastodon"],
  scenarios: [...SCENARIO_IDS],
  shares: {}
});

/** The `where` of a recipe made of command-line options. */
export const OPTIONS = "options";

export class RecipeError extends Error {
  override name = "RecipeError";
}

const NETWORK_NAME = /^[a-z][a-z0-9-]{0,30}$/;
const MAX_ACCOUNTS = 2_000_000;
const MAX_DAYS = 3650;

/** Parses `--scenarios`: `all`, `none`, or a comma list of scenario ids. */
export function parseScenarioList(text: string, where = "--scenarios"): ScenarioId[] {
  if (text === "all") return [...SCENARIO_IDS];
  if (text === "none" || text === "") return [];
  const ids = text.split(",").map((id) => id.trim());
  for (const id of ids) {
    if (!(SCENARIO_IDS as readonly string[]).includes(id)) {
      throw new RecipeError(
        `simulation/recipe: ${where}: unknown scenario ${JSON.stringify(id)}; known: all, ${SCENARIO_IDS.join(", ")}`
      );
    }
  }
  return [...new Set(ids)] as ScenarioId[];
}

/**
 * A complete recipe from a partial one (a parsed JSON file, command-line options), with defaults filled in.
 * `where` names the source in error messages: a file path, or `OPTIONS` (then fields are named as options,
 * `--accounts`).
 */
export function resolveRecipe(input: unknown, where = "recipe"): Recipe {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    throw new RecipeError(`simulation/recipe: ${where} must be a JSON object`);
  }
  const raw = input as Record<string, unknown>;
  const known = ["seed", "accounts", "days", "start", "networks", "scenarios", "shares", "params", "note"];
  for (const key of Object.keys(raw)) {
    if (!known.includes(key))
      throw new RecipeError(`simulation/recipe: ${where}: unknown field ${JSON.stringify(key)}`);
  }
  const fail = (field: string, expected: string, value: unknown): never => {
    const named = where === OPTIONS ? `--${field}` : `${where}: ${field}`;
    throw new RecipeError(`simulation/recipe: ${named} must be ${expected}, got ${JSON.stringify(value)}`);
  };
  const integer = (field: "seed" | "accounts" | "days", min: number, max: number): number => {
    const value = raw[field] ?? DEFAULT_RECIPE[field];
    if (!Number.isSafeInteger(value) || (value as number) < min || (value as number) > max) {
      fail(field, min === 0 ? `an integer from 0 to ${max}` : `a positive integer up to ${max}`, value);
    }
    return value as number;
  };
  const seed = integer("seed", 0, 0xffffffff);
  const accounts = integer("accounts", 1, MAX_ACCOUNTS);
  const days = integer("days", 1, MAX_DAYS);
  const start = raw.start ?? DEFAULT_RECIPE.start;
  if (
    typeof start !== "string" ||
    !/^\d{4}-\d{2}-\d{2}$/.test(start) ||
    !Number.isFinite(Date.parse(`${start}T00:00:00Z`))
  ) {
    fail("start", "a date YYYY-MM-DD", start);
  }
  const networks = raw.networks ?? DEFAULT_RECIPE.networks;
  if (
    !Array.isArray(networks) ||
    networks.length === 0 ||
    networks.length > 8 ||
    !networks.every((name) => typeof name === "string" && NETWORK_NAME.test(name)) ||
    new Set(networks).size !== networks.length
  ) {
    fail("networks", "a list of 1 to 8 distinct lower-case names (letters, digits, -)", networks);
  }
  const scenariosRaw = raw.scenarios ?? DEFAULT_RECIPE.scenarios;
  const scenarios =
    typeof scenariosRaw === "string"
      ? parseScenarioList(scenariosRaw, where === OPTIONS ? "--scenarios" : `${where}: scenarios`)
      : Array.isArray(scenariosRaw) && scenariosRaw.every((id) => typeof id === "string")
        ? parseScenarioList(scenariosRaw.join(","), `${where}: scenarios`)
        : fail("scenarios", `"all" or a list of scenario ids`, scenariosRaw);
  const shares = object(raw.shares, `${where}: shares`);
  for (const [id, share] of Object.entries(shares)) {
    parseScenarioList(id, `${where}: shares`);
    if (typeof share !== "number" || !(share >= 0 && share <= 0.5))
      fail(`shares.${id}`, "a number from 0 to 0.5", share);
  }
  const paramsRaw = object(raw.params, `${where}: params`);
  const params = {...DEFAULT_PARAMS};
  for (const [key, value] of Object.entries(paramsRaw)) {
    if (!(key in DEFAULT_PARAMS)) throw new RecipeError(`simulation/recipe: ${where}: unknown parameter params.${key}`);
    if (typeof value !== "number" || !Number.isFinite(value) || value < 0)
      fail(`params.${key}`, "a non-negative number", value);
    params[key as keyof WorldParams] = value as number;
  }
  for (const key of [
    "multiNetworkShare",
    "dormantShare",
    "followTopicShare",
    "reactionRate",
    "asleepFactor",
    "offTopicFactor",
    "cascadeDecay"
  ] as const) {
    if (params[key] > 1) fail(`params.${key}`, "at most 1", params[key]);
  }
  return {
    seed,
    accounts,
    days,
    start: start as string,
    networks: networks as string[],
    scenarios,
    shares: shares as Recipe["shares"],
    params
  };
}

function object(value: unknown, where: string): Record<string, unknown> {
  if (value === undefined) return {};
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new RecipeError(`simulation/recipe: ${where} must be a JSON object`);
  }
  return value as Record<string, unknown>;
}

/** The recipe as one line, for the warehouse manifest: `simulate:seed=7,accounts=20000,days=90,…`. */
export function describeRecipe(recipe: Recipe): string {
  const scenarios = recipe.scenarios.length === SCENARIO_IDS.length ? "all" : recipe.scenarios.join("+") || "none";
  return `simulate:seed=${recipe.seed},accounts=${recipe.accounts},days=${recipe.days},start=${recipe.start},networks=${recipe.networks.join("+")},scenarios=${scenarios}`;
}
