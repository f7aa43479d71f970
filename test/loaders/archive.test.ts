import {writeFileSync} from "node:fs";
import {join} from "node:path";
import {gzipSync} from "node:zlib";
import {strToU8, zipSync} from "fflate";
import {createTar} from "nanotar";
import {afterAll, describe, expect, it} from "vitest";
import {isFolder, readText} from "../../loaders/input.js";
import {openInput} from "../../loaders/node-input.js";
import {tempDir} from "../helpers/world.js";

const temp = tempDir();
afterAll(() => temp.remove());

async function entries(path: string) {
  const input = await openInput(path);
  if (!isFolder(input)) throw new Error("expected a folder");
  return Object.fromEntries(await Promise.all(input.paths.map(async (p) => [p, await readText(input.file(p)!)])));
}

describe("openInput(path) on archives", () => {
  it("opens a zip as a folder of its files", async () => {
    const path = join(temp.dir, "export.zip");
    writeFileSync(
      path,
      zipSync({"data/tweets.js": strToU8("window.YTD = 1"), "data/": {}, "readme.txt": strToU8("hi")})
    );
    expect(await entries(path)).toEqual({"data/tweets.js": "window.YTD = 1", "readme.txt": "hi"});
  });

  it("opens a gzipped tar as a folder, whatever its name", async () => {
    const tar = createTar([
      {name: "./twitter16/label.txt", data: "true:1\n"},
      {name: "./twitter16/tree/1.txt", data: "['ROOT', 'ROOT', '0.0']->['7', '1', '0.0']\n"}
    ]);
    const path = join(temp.dir, "cascades.bin");
    writeFileSync(path, gzipSync(tar));
    expect(await entries(path)).toEqual({
      "twitter16/label.txt": "true:1\n",
      "twitter16/tree/1.txt": "['ROOT', 'ROOT', '0.0']->['7', '1', '0.0']\n"
    });
  });

  it("names a damaged zip", async () => {
    const path = join(temp.dir, "broken.zip");
    writeFileSync(path, zipSync({"a.txt": strToU8("x".repeat(100))}).subarray(0, 60));
    await expect(openInput(path)).rejects.toThrow(`${path}: not a readable zip archive`);
  });
});
