// The registry these machines reach serves only the linux-x64 build of DuckDB's native bindings, so npm leaves the
// other platforms out of package-lock.json and `npm ci` then refuses the lock. This adds them back (os/cpu-gated,
// so npm never fetches them here). Run `node .ci/patch-lock.js package-lock.json` after any `npm install`.
import fs from "node:fs";

const path = process.argv[2];
const lock = JSON.parse(fs.readFileSync(path, "utf8"));
const base = lock.packages["node_modules/@duckdb/node-bindings"];
for (const name of Object.keys(base.optionalDependencies)) {
  const key = `node_modules/${name}`;
  if (lock.packages[key]) continue;
  const [, os, cpu] = name.match(/node-bindings-(\w+)-(\w+)$/);
  lock.packages[key] = {version: base.optionalDependencies[name], cpu: [cpu], license: "MIT", optional: true, os: [os]};
}
lock.packages = Object.fromEntries(
  Object.entries(lock.packages).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a < b ? -1 : 1))
);
fs.writeFileSync(path, JSON.stringify(lock, null, 2) + "\n");
