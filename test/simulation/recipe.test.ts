/** Recipes: defaults, overrides, and errors that name the field or option at fault. */
import {describe, expect, it} from "vitest";
import {DEFAULT_PARAMS, OPTIONS, describeRecipe, parseScenarioList, resolveRecipe} from "../../simulation/recipe.js";
import {SCENARIO_IDS} from "../../simulation/scenarios/index.js";

describe("resolveRecipe", () => {
  it("fills every default from an empty recipe", () => {
    const recipe = resolveRecipe({});
    expect(recipe).toEqual({
      seed: 1,
      accounts: 5000,
      days: 90,
      start: "2026-01-01",
      networks: ["sim-x", "sim-mastodon"],
      scenarios: [...SCENARIO_IDS],
      shares: {},
      params: {...DEFAULT_PARAMS}
    });
    expect(describeRecipe(recipe)).toBe(
      "simulate:seed=1,accounts=5000,days=90,start=2026-01-01,networks=sim-x+sim-mastodon,scenarios=all"
    );
  });

  it("keeps given values and parameters", () => {
    const recipe = resolveRecipe({
      seed: 9,
      accounts: 10,
      scenarios: ["spammers"],
      shares: {spammers: 0.2},
      params: {reactionRate: 0.5}
    });
    expect(recipe.scenarios).toEqual(["spammers"]);
    expect(recipe.shares).toEqual({spammers: 0.2});
    expect(recipe.params.reactionRate).toBe(0.5);
    expect(recipe.params.meanFollowing).toBe(DEFAULT_PARAMS.meanFollowing);
  });

  it("refuses bad values, naming the file and field, or the option", () => {
    const cases: [unknown, string, string][] = [
      [{accounts: -3}, OPTIONS, "simulation/recipe: --accounts must be a positive integer up to 2000000, got -3"],
      [
        {accounts: 2.5},
        "w.json",
        "simulation/recipe: w.json: accounts must be a positive integer up to 2000000, got 2.5"
      ],
      [{seed: -1}, "w.json", "simulation/recipe: w.json: seed must be an integer from 0 to 4294967295, got -1"],
      [{start: "2026-13-45"}, "w.json", 'simulation/recipe: w.json: start must be a date YYYY-MM-DD, got "2026-13-45"'],
      [
        {networks: ["X"]},
        "w.json",
        'simulation/recipe: w.json: networks must be a list of 1 to 8 distinct lower-case names (letters, digits, -), got ["X"]'
      ],
      [{colour: 1}, "w.json", 'simulation/recipe: w.json: unknown field "colour"'],
      [{params: {speed: 1}}, "w.json", "simulation/recipe: w.json: unknown parameter params.speed"],
      [
        {params: {reactionRate: 2}},
        "w.json",
        "simulation/recipe: w.json: params.reactionRate must be at most 1, got 2"
      ],
      [
        {shares: {spammers: 0.9}},
        "w.json",
        "simulation/recipe: w.json: shares.spammers must be a number from 0 to 0.5, got 0.9"
      ],
      [[1], "w.json", "simulation/recipe: w.json must be a JSON object"]
    ];
    for (const [input, where, message] of cases) expect(() => resolveRecipe(input, where)).toThrow(message);
  });
});

describe("parseScenarioList", () => {
  it("reads all, none and comma lists, refusing unknown ids", () => {
    expect(parseScenarioList("all")).toEqual([...SCENARIO_IDS]);
    expect(parseScenarioList("none")).toEqual([]);
    expect(parseScenarioList("spammers, follow-rings,spammers")).toEqual(["spammers", "follow-rings"]);
    expect(() => parseScenarioList("bots")).toThrow('simulation/recipe: --scenarios: unknown scenario "bots"');
  });
});
