import {Command} from "commander";
import {openWarehouse} from "../loaders/warehouse.js";
import type {Db} from "../scoring/db.js";
import {COMPARE_DEFAULTS, compareScores, type Comparison} from "../scoring/compare/index.js";
import {METHODS} from "../scoring/methods/index.js";
import {scoreMethodsById} from "../scoring/score.js";
import {CliError} from "./errors.js";
import {methodsToRun, requestedMethods} from "./flags.js";

interface CompareFlags {
  methods: string;
  k: string;
  top: string;
  json?: boolean;
}

/** A comparison as printed: each disagreeing account with its handle (null where the warehouse has none). */
type Report = Omit<Comparison, "disagreements"> & {
  disagreements: {
    methods: [string, string];
    accounts: (Comparison["disagreements"][number]["accounts"][number] & {handle: string | null})[];
  }[];
};

export function compareCommand(): Command {
  return new Command("compare")
    .description("Compare scoring methods: rank correlations, top-k overlap and the accounts they disagree on most.")
    .argument("<dir>", "warehouse folder (written by `sway import`)")
    .option("-m, --methods <list>", "comma-separated method ids (at least two), or all", "all")
    .option("-k, --k <n>", "length of the top lists compared", String(COMPARE_DEFAULTS.k))
    .option("-t, --top <n>", "accounts listed for each pair of methods", String(COMPARE_DEFAULTS.top))
    .option("--json", "print one JSON object instead of tables")
    .addHelpText(
      "after",
      `
Methods: ${METHODS.map((method) => method.id).join(", ")}

Prints, for the accounts every method scored:
  Spearman's rho and Kendall's tau-b of each pair of methods (ties handled; NaN, or null in
    JSON, where a method gives every account the same value);
  the share of each method's top k accounts that are also in the other's top k (accounts tied
    at the k-th place are taken in order of account id until there are k);
  for each pair, the accounts with the largest difference in rank percentile (the share of
    other accounts ranked above, ties counting half), with both ranks (1 = most influential).`
    )
    .action(async (dir: string, flags: CompareFlags) => {
      const ids = methodIds(flags.methods);
      const k = integerFlag("--k", flags.k, 1);
      const top = integerFlag("--top", flags.top, 0);
      const {db} = await openWarehouse(dir);
      try {
        const available = await methodsToRun(db, ids, dir);
        if (available.length < 2) throw new CliError(`compare needs at least two methods that can score ${dir}`);
        const comparison = compareScores([...(await scoreMethodsById(db, available)).values()], {k, top});
        const report = await withHandles(db, comparison);
        process.stdout.write(flags.json ? JSON.stringify(report) + "\n" : formatReport(report));
      } finally {
        db.close();
      }
    });
}

/** The method ids of `--methods`, without repeats; `all` stands for every registered method. */
function methodIds(list: string): string[] | undefined {
  const ids = requestedMethods(list);
  if (ids && ids.length < 2)
    throw new CliError(`compare needs at least two methods; --methods names ${ids.join(", ")}`);
  return ids;
}

function integerFlag(name: string, text: string, min: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || value < min) {
    throw new CliError(`${name} must be an integer of at least ${min}, got "${text}"`);
  }
  return value;
}

/** Accounts' handles, bound as parameters: one `?` per listed account. */
const HANDLES_SQL = (count: number) =>
  `SELECT account_id, handle FROM accounts WHERE account_id IN (${Array(count).fill("?").join(", ")})`;

async function withHandles(db: Db, comparison: Comparison): Promise<Report> {
  const ids = [...new Set(comparison.disagreements.flatMap(({accounts}) => accounts.map((a) => a.account_id)))];
  const rows = ids.length
    ? await db.query<{account_id: string; handle: string | null}>(HANDLES_SQL(ids.length), ids)
    : [];
  const handles = new Map(rows.map((row) => [row.account_id, row.handle]));
  return {
    ...comparison,
    disagreements: comparison.disagreements.map(({methods, accounts}) => ({
      methods,
      accounts: accounts.map(({account_id, ...rest}) => ({
        account_id,
        handle: handles.get(account_id) ?? null,
        ...rest
      }))
    }))
  };
}

function formatReport(report: Report): string {
  const {methods, topK} = report;
  const lines = [
    `${report.accounts} accounts scored by every method` +
      (report.excluded ? ` (${report.excluded} scored by only some of them are left out)` : "") +
      ".",
    "",
    "Spearman's rank correlation",
    formatMatrix(methods, report.spearman),
    "",
    "Kendall's tau-b",
    formatMatrix(methods, report.kendall)
  ];
  const constant = methods.filter((_, i) => Number.isNaN(report.spearman[i][i]));
  if (constant.length) lines.push(`NaN: undefined for ${constant.join(", ")} (the same value for every account).`);
  lines.push(
    "",
    `Top-${topK.k} overlap (share of the top ${topK.k} accounts in common)`,
    formatMatrix(methods, topK.overlap)
  );
  const tied = methods.filter((_, i) => topK.tiedAtCutoff[i]);
  if (tied.length) lines.push(`Accounts tied at place ${topK.k} were taken by account id for: ${tied.join(", ")}.`);
  for (const {methods: pair, accounts} of report.disagreements) {
    lines.push("", `Largest disagreements, ${pair[0]} vs ${pair[1]} (ranks; difference in rank percentile)`);
    if (accounts.length === 0) lines.push("  none: both methods rank every account alike");
    else
      lines.push(
        formatTable(
          ["account", "handle", pair[0], pair[1], "difference"],
          accounts.map((a) => [
            a.account_id,
            a.handle ?? "",
            String(a.ranks[0]),
            String(a.ranks[1]),
            a.difference.toFixed(3)
          ]),
          [false, false, true, true, true],
          "  "
        )
      );
  }
  return lines.join("\n") + "\n";
}

function formatMatrix(methods: string[], matrix: number[][]): string {
  return formatTable(
    ["", ...methods],
    methods.map((method, i) => [method, ...matrix[i].map((value) => (Number.isNaN(value) ? "NaN" : value.toFixed(3)))]),
    [false, ...methods.map(() => true)]
  );
}

/** Columns padded to their widest cell, two spaces apart; `alignRight[c]` for numeric columns. */
function formatTable(header: string[], rows: string[][], alignRight: boolean[], indent = ""): string {
  const widths = header.map((cell, c) => Math.max(cell.length, ...rows.map((row) => row[c].length)));
  const line = (cells: string[]) =>
    indent + cells.map((cell, c) => (alignRight[c] ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join("  ");
  return [header, ...rows].map((cells) => line(cells).trimEnd()).join("\n");
}
