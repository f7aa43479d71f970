import {mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, describe, expect, it} from "vitest";
import {writeInteractionsFile} from "../../bench/interactions-file.js";
import {syntheticInteractions} from "../../bench/synthetic-graph.js";
import {openNodeDb} from "../../loaders/node-db.js";
import {validateRow} from "../../loaders/schema.js";

describe("writeInteractionsFile(count, seed, path)", () => {
  const temp = mkdtempSync(join(tmpdir(), "sway-interactions-file-"));
  afterAll(() => rmSync(temp, {recursive: true, force: true}));

  it("writes the synthetic interactions as canonical rows, in order, one kind per weight", async () => {
    const path = join(temp, "interactions.duckdb");
    await writeInteractionsFile(500, 3, path);
    const {actors, targets, weights} = syntheticInteractions(500, 3);
    const db = await openNodeDb();
    try {
      await db.run(`ATTACH '${path}' AS bench (READ_ONLY)`);
      const rows = await db.query("SELECT * FROM bench.interactions ORDER BY ts");
      expect(rows).toHaveLength(500);
      // The first interaction at 2026-01-01T00:00:00Z, one a second after it.
      expect(rows[0]!.ts).toBe(Date.UTC(2026, 0, 1));
      expect(rows[499]!.ts).toBe(Date.UTC(2026, 0, 1) + 499_000);
      const kinds = ["like", "repost", "reply"];
      rows.forEach((row, e) => {
        // The table holds canonical rows (the schema's checker takes timestamps as dates).
        expect(validateRow("interactions", {...row, ts: new Date(row.ts as number)})).toBeUndefined();
        expect([row.actor_id, row.target_id, row.kind, row.weight]).toEqual([
          `sim-x:${actors[e]}`,
          `sim-x:${targets[e]}`,
          kinds[weights[e]! - 1],
          weights[e]
        ]);
      });
      expect(await db.query("SELECT table_name FROM duckdb_tables() WHERE database_name = 'bench'")).toEqual([
        {table_name: "interactions"}
      ]);
    } finally {
      db.close();
    }
  });
});
