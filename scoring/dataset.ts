/** What a dataset holds, per network: the counts an overview page and `sway info` show. */
import type {Db} from "./db.js";

export interface NetworkCounts {
  network: string;
  accounts: number;
  posts: number;
  interactions: number;
  follows: number;
  first_ts: number | null;
  last_ts: number | null;
}

export const NETWORK_COUNTS_SQL = `
WITH a AS (SELECT network, count(*) AS n FROM accounts GROUP BY network),
p AS (SELECT network, count(*) AS n FROM posts GROUP BY network),
i AS (SELECT network, count(*) AS n, epoch_ms(min(ts)) AS first_ts, epoch_ms(max(ts)) AS last_ts FROM interactions GROUP BY network),
f AS (SELECT network, count(*) AS n FROM follows GROUP BY network),
networks AS (SELECT network FROM a UNION SELECT network FROM p UNION SELECT network FROM i UNION SELECT network FROM f)
SELECT
  networks.network,
  coalesce(a.n, 0) AS accounts,
  coalesce(p.n, 0) AS posts,
  coalesce(i.n, 0) AS interactions,
  coalesce(f.n, 0) AS follows,
  i.first_ts,
  i.last_ts
FROM networks
LEFT JOIN a USING (network)
LEFT JOIN p USING (network)
LEFT JOIN i USING (network)
LEFT JOIN f USING (network)
ORDER BY networks.network
`;

export function networkCounts(db: Db): Promise<NetworkCounts[]> {
  return db.query<NetworkCounts & Record<string, string | number | null>>(NETWORK_COUNTS_SQL);
}

export const INTERACTION_KIND_COUNTS_SQL = `
SELECT network, kind, count(*) AS interactions FROM interactions GROUP BY network, kind ORDER BY network, kind
`;

export function interactionKindCounts(db: Db): Promise<{network: string; kind: string; interactions: number}[]> {
  return db.query(INTERACTION_KIND_COUNTS_SQL);
}
