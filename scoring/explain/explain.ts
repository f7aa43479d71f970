/**
 * Explanations: each score split into per-network and per-feature contributions that add up to the raw value
 * (DESIGN.md §3). A decomposed method (`Method.decomposition`) divides its value as its card describes; a method
 * without one explains as itself: one term, `value`, on the account's own network.
 */
import type {Db} from "../db.js";
import {getMethod, type MethodOptions} from "../methods/index.js";
import type {FeatureTable, Method} from "../methods/method.js";
import {rankedRows, resolveOptions, type ScoreRow} from "../score.js";
import {withTables} from "../memo-db.js";

/** One feature of one network: its input x_f and what it adds to the value. */
export interface FeatureTerm {
  input: number;
  contribution: number;
}

/** What one of the person's accounts (one network) adds to the value, feature by feature. */
export interface NetworkPart {
  network: string;
  account_id: string;
  /** The sum of the features' contributions. */
  contribution: number;
  features: Record<string, FeatureTerm>;
}

/** A score row with its explanation; the parts' contributions add up to `value`. */
export interface ExplainedRow extends ScoreRow {
  networks: NetworkPart[];
}

/** The name of the single term of a method without a decomposition. */
export const WHOLE_VALUE = "value";

/**
 * The network parts of every account from a decomposed method's features: account i's parts are the
 * contributions of every account of i's person, in account order.
 */
export function networkParts(
  method: Method,
  features: FeatureTable,
  weights: Readonly<Record<string, number>>
): NetworkPart[][] {
  const contributions = Object.entries(method.decomposition!.contributions(features, weights));
  const own = features.accountIds.map((account_id, i): NetworkPart => {
    const terms = contributions.map(([name, {input, contribution}]) => [
      name,
      {input: input[i]!, contribution: contribution[i]!}
    ]);
    return {
      network: features.networks[i]!,
      account_id,
      contribution: terms.reduce((sum, [, term]) => sum + (term as FeatureTerm).contribution, 0),
      features: Object.fromEntries(terms)
    };
  });
  const members: NetworkPart[][] = Array.from({length: features.personCount}, () => []);
  features.persons.forEach((person, i) => members[person]!.push(own[i]!));
  return Array.from(features.persons, (person) => members[person]!);
}

/** Scores with one method and explains every row; rows come ordered as `scoreMethod` orders them. */
export function explainMethod(db: Db, methodId: string, options: MethodOptions = {}): Promise<ExplainedRow[]> {
  // The method's queries share one copy of the indexed interactions (scoring/features/indexed.ts).
  return withTables(db, (tables) => explainWith(tables, methodId, options));
}

async function explainWith(db: Db, methodId: string, options: MethodOptions): Promise<ExplainedRow[]> {
  const method = getMethod(methodId);
  const resolved = await resolveOptions(db, method, options);
  if (method.decomposition) {
    const features = await method.decomposition.features(db, resolved);
    const values = method.decomposition.combine(features, resolved.weights);
    const parts = networkParts(method, features, resolved.weights);
    const partsOf = new Map(features.accountIds.map((id, i) => [id, parts[i]!]));
    return rankedRows(method, features.accountIds, values).map((row) => ({
      ...row,
      networks: partsOf.get(row.account_id)!
    }));
  }
  const {accountIds, values} = await method.compute(db, resolved);
  const networkOf = new Map(
    (await db.query<{account_id: string; network: string}>("SELECT account_id, network FROM accounts")).map((row) => [
      row.account_id,
      row.network
    ])
  );
  const rows = rankedRows(method, accountIds, values);
  return rows.map((row) => ({
    ...row,
    networks: [
      {
        network: networkOf.get(row.account_id) ?? "",
        account_id: row.account_id,
        contribution: row.value,
        features: {[WHOLE_VALUE]: {input: row.value, contribution: row.value}}
      }
    ]
  }));
}

/** Explains with several methods, one after another (a native connection runs one query at a time). */
export async function explainMethods(
  db: Db,
  methodIds: readonly string[],
  options: Omit<MethodOptions, "weights"> & {weights?: Readonly<Record<string, Readonly<Record<string, number>>>>} = {}
): Promise<ExplainedRow[]> {
  // One indexed copy of the interactions for all the methods, not one each.
  return withTables(db, async (tables) => {
    const rows: ExplainedRow[] = [];
    for (const id of methodIds)
      rows.push(...(await explainMethod(tables, id, {...options, weights: options.weights?.[id]})));
    return rows;
  });
}

/** One row of the long (tidy) explanation table. */
export interface ExplanationTerm extends ScoreRow {
  network: string;
  network_account_id: string;
  feature: string;
  input: number;
  contribution: number;
}

/** The long form: one row per (account, method, network, feature); contributions per (account, method) sum to value. */
export function explanationTerms(rows: readonly ExplainedRow[]): ExplanationTerm[] {
  return rows.flatMap(({networks, ...row}) =>
    networks.flatMap((part) =>
      Object.entries(part.features).map(([feature, term]) => ({
        ...row,
        network: part.network,
        network_account_id: part.account_id,
        feature,
        input: term.input,
        contribution: term.contribution
      }))
    )
  );
}
