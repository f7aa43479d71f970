// @vitest-environment jsdom
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {datasetsMeta, parseDatasetsMeta} from "../../src/components/dataset-names.js";
import {datasetPicker, datasetUrl, findDataset, linkWithDataset} from "../../src/components/datasets.js";
import {parseSiteDatasets, siteDatasets, warehouseFingerprint} from "../../src/data/site-datasets.js";
import {writeWorld} from "../helpers/world.js";

describe("parseSiteDatasets", () => {
  it("parseSiteDatasets(setting, cwd) reads name=folder pairs, resolving folders against cwd", () => {
    expect(parseSiteDatasets(" higgs=out/higgs , my-data=/data/w ,", "/work")).toEqual([
      {name: "higgs", path: "/work/out/higgs"},
      {name: "my-data", path: "/data/w"}
    ]);
    expect(parseSiteDatasets(undefined, "/work")).toEqual([]);
    expect(parseSiteDatasets("", "/work")).toEqual([]);
  });

  it("parseSiteDatasets(setting) refuses entries without a folder, bad or repeated names, and the name world", () => {
    expect(() => parseSiteDatasets("higgs", "/")).toThrow(
      /SWAY_SITE_DATASETS entry "higgs" must be name=warehouse-folder/
    );
    expect(() => parseSiteDatasets("Higgs=x", "/")).toThrow(/name "Higgs" must be lower-case/);
    expect(() => parseSiteDatasets("<img>=x", "/")).toThrow(/name "<img>"/);
    expect(() => parseSiteDatasets("world=x", "/")).toThrow(/not "world"/);
    expect(() => parseSiteDatasets("a=x,a=y", "/")).toThrow(/names "a" twice/);
  });
});

describe("siteDatasets", () => {
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "sway-site-datasets-"));
    await writeWorld(join(dir, "w"), {accounts: [{account_id: "t:1", network: "t", handle: "one"}]});
  });
  afterAll(() => rmSync(dir, {recursive: true, force: true}));

  it("siteDatasets(env) names each file after its dataset and an eight-digit fingerprint of the warehouse", () => {
    const [dataset] = siteDatasets({SWAY_SITE_DATASETS: "mine=w"}, dir);
    expect(dataset).toEqual({name: "mine", path: join(dir, "w"), file: expect.stringMatching(/^mine-[0-9a-f]{8}$/)});
    expect(siteDatasets({SWAY_SITE_DATASETS: "mine=w"}, dir)[0]!.file).toBe(dataset!.file);
  });

  it("warehouseFingerprint(dir) changes when the warehouse changes", () => {
    const before = warehouseFingerprint(join(dir, "w"));
    const manifest = join(dir, "w", "manifest.json");
    writeFileSync(manifest, JSON.stringify({...JSON.parse(readFileSync(manifest, "utf8")), note: 1}));
    expect(warehouseFingerprint(join(dir, "w"))).not.toBe(before);
  });

  it("siteDatasets(env) says which dataset's folder is not a warehouse", () => {
    expect(() => siteDatasets({SWAY_SITE_DATASETS: "gone=missing"}, dir)).toThrow(
      /src\/data\/site-datasets: SWAY_SITE_DATASETS dataset "gone" \(.*missing\)/
    );
  });
});

describe("datasetsMeta and parseDatasetsMeta", () => {
  it("parseDatasetsMeta(datasetsMeta(datasets)) gives the built-in world, then the datasets", () => {
    const datasets = [
      {name: "higgs", file: "higgs-0123abcd"},
      {name: "my-data", file: "my-data-89abcdef"}
    ];
    expect(parseDatasetsMeta(datasetsMeta(datasets))).toEqual([{name: "world"}, ...datasets]);
    expect(parseDatasetsMeta(null)).toEqual([{name: "world"}]);
  });

  it("parseDatasetsMeta(content) ignores entries that are not name-fingerprint file names", () => {
    expect(parseDatasetsMeta("../x-0123abcd,UP-0123abcd,a-012,world-0123abcd,ok-0123abcd")).toEqual([
      {name: "world"},
      {name: "ok", file: "ok-0123abcd"}
    ]);
  });
});

describe("findDataset and datasetUrl", () => {
  const datasets = [{name: "world"}, {name: "higgs", file: "higgs-0123abcd"}];

  it("findDataset(datasets, name) falls back to the built-in world for an unknown or missing name", () => {
    expect(findDataset(datasets, "higgs")).toBe(datasets[1]);
    expect(findDataset(datasets, "nope")).toBe(datasets[0]);
    expect(findDataset(datasets, undefined)).toBe(datasets[0]);
  });

  it("datasetUrl(dataset) is the world's URL or data/datasets/<file>.duckdb under the site root", () => {
    const places = {world: "http://h/site/_file/data/world.1234abcd.duckdb", root: "http://h/site/"};
    expect(datasetUrl(datasets[0]!, places)).toBe(places.world);
    expect(datasetUrl(datasets[1]!, places)).toBe("http://h/site/data/datasets/higgs-0123abcd.duckdb");
  });
});

describe("linkWithDataset", () => {
  it("linkWithDataset(href, dataset, origin) adds the dataset to the site's links only, and none for the world", () => {
    expect(linkWithDataset("http://h/profile.html?account=a", "higgs", "http://h")).toBe(
      "http://h/profile.html?account=a&dataset=higgs"
    );
    expect(linkWithDataset("http://h/compare.html?dataset=higgs", "world", "http://h")).toBe("http://h/compare.html");
    expect(linkWithDataset("https://example.org/x", "higgs", "http://h")).toBe("https://example.org/x");
  });
});

describe("datasetPicker", () => {
  it("datasetPicker(datasets, selected) is a labelled select, hidden when there is only the built-in world", () => {
    const datasets = [{name: "world"}, {name: "higgs", file: "higgs-0123abcd"}];
    const picker = datasetPicker(datasets, datasets[1]!);
    expect(picker.dataset.testid).toBe("dataset");
    expect(picker.querySelector("label")?.textContent).toBe("Dataset");
    expect(Array.from(picker.querySelectorAll("option"), (o) => o.textContent)).toEqual(["built-in world", "higgs"]);
    expect((picker as unknown as {value: unknown}).value).toBe(datasets[1]);
    expect(picker.hidden).toBe(false);
    expect(datasetPicker(datasets.slice(0, 1), datasets[0]!).hidden).toBe(true);
  });
});
