/**
 * A warehouse as a graph, for graph tools (Gephi, NetworkX, igraph): accounts are nodes, interactions are
 * edges aggregated per (actor, target, kind). Works on any `Db` (native DuckDB or duckdb-wasm).
 *
 * - node key = `account_id`; attributes: `label` = handle, `network`, and the account's other columns when
 *   not null (`display_name`, `person_id`, `followers`, `following`, `listed`, `created_at` as ISO 8601,
 *   `verified`). An actor or target that the accounts table lacks gets a node with its native id as label.
 * - edge key = its position (0, 1, …) in (actor, target, kind) order; attributes: `kind`, `weight` = the
 *   number of interactions, `ts` = the first one's time (ISO 8601). The interactions' own weights and post
 *   ids are not carried over.
 *
 * Nodes and edges come in id order, so the same warehouse always gives the same file. The `gexf` and
 * `graphml` importers read these files back into the same accounts and aggregated interactions.
 */
import {MultiDirectedGraph} from "graphology";
import type {Db} from "../../scoring/db.js";

export interface GraphExportOptions {
  /** Only the accounts and interactions of this network. */
  network?: string;
}

export type NodeAttributes = {
  label: string;
  network: string;
  display_name?: string;
  person_id?: string;
  followers?: number;
  following?: number;
  listed?: number;
  created_at?: string;
  verified?: boolean;
};

export type EdgeAttributes = {kind: string; weight: number; ts: string};

export type WarehouseGraph = MultiDirectedGraph<NodeAttributes, EdgeAttributes>;

interface AccountRow {
  [column: string]: string | number | boolean | null;
  account_id: string;
  network: string;
  handle: string;
}

interface EdgeRow {
  [column: string]: string | number | boolean | null;
  actor_id: string;
  target_id: string;
  kind: string;
  weight: number;
  first_ts: number;
}

const OPTIONAL = ["display_name", "person_id", "followers", "following", "listed", "verified"] as const;

export async function warehouseGraph(db: Db, {network}: GraphExportOptions = {}): Promise<WarehouseGraph> {
  const where = network === undefined ? "" : "WHERE network = ?";
  const params = network === undefined ? [] : [network];
  const accounts = await db.query<AccountRow>(
    `SELECT account_id, network, handle, display_name, person_id, followers, following, listed,
            epoch_ms(created_at) AS created_at, verified
     FROM accounts ${where} ORDER BY account_id`,
    params
  );
  const edges = await db.query<EdgeRow>(
    `SELECT actor_id, target_id, kind, count(*) AS weight, epoch_ms(min(ts)) AS first_ts
     FROM interactions ${where} GROUP BY actor_id, target_id, kind ORDER BY actor_id, target_id, kind`,
    params
  );
  const graph: WarehouseGraph = new MultiDirectedGraph({allowSelfLoops: true});
  for (const account of accounts) {
    const attributes: NodeAttributes = {label: account.handle, network: account.network};
    for (const column of OPTIONAL) {
      if (account[column] !== null) (attributes as Record<string, unknown>)[column] = account[column];
    }
    if (account.created_at !== null) attributes.created_at = new Date(account.created_at as number).toISOString();
    graph.addNode(account.account_id, attributes);
  }
  edges.forEach((edge, i) => {
    for (const id of [edge.actor_id, edge.target_id]) {
      if (!graph.hasNode(id)) {
        const [prefix, native] = splitId(id);
        graph.addNode(id, {label: native, network: prefix});
      }
    }
    graph.addDirectedEdgeWithKey(String(i), edge.actor_id, edge.target_id, {
      kind: edge.kind,
      weight: edge.weight,
      ts: new Date(edge.first_ts).toISOString()
    });
  });
  return graph;
}

/** The network and native id of an account id (`network:native`). */
function splitId(id: string): [string, string] {
  const colon = id.indexOf(":");
  return colon < 0 ? ["", id] : [id.slice(0, colon), id.slice(colon + 1)];
}

/** The networks a warehouse holds accounts of, for a helpful error when `--network` names none of them. */
export async function networksOf(db: Db): Promise<string[]> {
  const rows = await db.query<{network: string}>("SELECT DISTINCT network FROM accounts ORDER BY network");
  return rows.map((row) => row.network);
}
