import {writeFileSync} from "node:fs";
import {extname} from "node:path";
import {Command, Option} from "commander";
import {toGexf} from "../loaders/export/gexf.js";
import {networksOf, warehouseGraph} from "../loaders/export/graph.js";
import {toGraphml} from "../loaders/export/graphml.js";
import {openWarehouse} from "../loaders/warehouse.js";
import {CliError} from "./errors.js";

const FORMATS = ["gexf", "graphml"] as const;
type Format = (typeof FORMATS)[number];

interface ExportFlags {
  format?: Format;
  out: string;
  network?: string;
}

export function exportCommand(): Command {
  return new Command("export")
    .description("Write a warehouse's accounts and interactions as a graph file for Gephi, NetworkX or igraph.")
    .argument("<dir>", "warehouse folder (written by `sway import`)")
    .addOption(
      new Option("-f, --format <format>", "graph file format (default: from the --out extension)").choices(FORMATS)
    )
    .requiredOption("-o, --out <file>", "file to write")
    .option("--network <name>", "only this network's accounts and interactions")
    .addHelpText(
      "after",
      `
Nodes are accounts (id = account_id; label = handle; network, display_name, followers, following, listed,
created_at and verified as attributes). Edges are interactions aggregated per (actor, target, kind):
kind, weight = the number of interactions, ts = the first one's time. \`sway import gexf|graphml\` reads
the file back (up to 64 MiB) into the same accounts and aggregated interactions.`
    )
    .action(async (dir: string, flags: ExportFlags) => {
      const format = flags.format ?? formatOf(flags.out);
      const {db} = await openWarehouse(dir);
      try {
        if (flags.network !== undefined && !(await networksOf(db)).includes(flags.network)) {
          const known = (await networksOf(db)).join(", ") || "none";
          throw new CliError(`${dir} has no accounts of network "${flags.network}"; its networks: ${known}`);
        }
        const graph = await warehouseGraph(db, {network: flags.network});
        writeFileSync(flags.out, format === "gexf" ? toGexf(graph) : toGraphml(graph));
        const n = (count: number) => count.toLocaleString("en-US");
        process.stdout.write(`wrote ${flags.out} (${format}): ${n(graph.order)} nodes, ${n(graph.size)} edges\n`);
      } finally {
        db.close();
      }
    });
}

function formatOf(out: string): Format {
  const extension = extname(out).slice(1).toLowerCase();
  if ((FORMATS as readonly string[]).includes(extension)) return extension as Format;
  throw new CliError(`cannot tell the format from "${out}"; pass --format gexf or --format graphml`);
}
