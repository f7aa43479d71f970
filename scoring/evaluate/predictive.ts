/**
 * Predictive validity (DESIGN.md §3, after Bakshy, Hofman, Mason, Watts 2011, "Everyone's an influencer",
 * WSDM, who judge influence measures by how well what is known before a date predicts what happens after it):
 * each method scores the data before `until` (its window ending there), and the score is compared with the
 * reactions the account receives from `until` on (up to `until` + `horizonDays`, or the end of the data):
 * Spearman's ρ and Kendall's tau-b.
 *
 * Reactions received are interactions of every kind except `follow` (a follow is audience, not a reaction to
 * something the account did; `rating` counts), from other accounts. The accounts judged are those known at
 * `until`: every account that acted, was acted on or posted before it (an account first seen later has nothing
 * a score could have been computed from).
 */
import {kendallTauBOfRankings, ranking, spearmanOfRankings} from "../compare/index.js";
import type {Db} from "../db.js";
import {inWindow, windowParams} from "../features/window.js";
import {METHODS} from "../methods/index.js";
import {withMemoizedDb} from "../memo-db.js";
import {availableMethods} from "../score.js";
import {methodValues} from "./method-values.js";

const MODULE = "scoring/evaluate/predictive";
const DAY_MS = 86_400_000;

export interface PredictiveOptions {
  /** The date that splits the data, epoch milliseconds: scores before it, reactions from it on. */
  until: number;
  /** Methods to judge (default: every registered method); those the data cannot feed are skipped. */
  methods?: readonly string[];
  /** Scoring window ending at `until`, in days (default: each method's own). */
  windowDays?: number;
  /** Days after `until` whose reactions are counted (default: to the end of the data). */
  horizonDays?: number;
  /** Called with the share of the methods scored. */
  onProgress?: (fraction: number) => void;
}

export interface MethodPrediction {
  method: string;
  /** NaN where undefined (a method or the outcome constant over the accounts). */
  spearman: number;
  kendall: number;
}

export interface PredictiveEvaluation {
  /** Accounts judged: those known before `until`. */
  accounts: number;
  /** Reactions those accounts received in the outcome period. */
  reactions: number;
  methods: MethodPrediction[];
  skipped: {method: string; reason: string}[];
}

/**
 * Accounts known before the date (parameters: until, three times) and the reactions each receives in the
 * outcome period (the four `inWindow` parameters), in account_id order.
 */
export const FUTURE_REACTIONS_SQL = `
WITH known AS (
  SELECT actor_id AS account_id FROM interactions WHERE ts < epoch_ms(?::BIGINT)
  UNION SELECT target_id FROM interactions WHERE ts < epoch_ms(?::BIGINT)
  UNION SELECT account_id FROM posts WHERE created_at < epoch_ms(?::BIGINT)
),
received AS (
  SELECT target_id AS account_id, count(*) AS reactions
  FROM interactions
  WHERE kind <> 'follow' AND actor_id <> target_id AND ${inWindow("ts")}
  GROUP BY target_id
)
SELECT known.account_id, coalesce(received.reactions, 0) AS reactions
FROM known
JOIN accounts USING (account_id)
LEFT JOIN received USING (account_id)
ORDER BY known.account_id
`;

/**
 * How well each method's score before `until` ranks the accounts by the reactions they receive after it.
 *
 * @example
 * const {methods} = await evaluatePredictive(db, {until: Date.parse("2012-07-04T00:00:00Z"), methods: ["reactions"]});
 */
export async function evaluatePredictive(db: Db, options: PredictiveOptions): Promise<PredictiveEvaluation> {
  const {until, windowDays, horizonDays, onProgress} = options;
  if (!Number.isFinite(until)) throw new Error(`${MODULE}: until must be a time, got ${until}`);
  if (horizonDays !== undefined && !(horizonDays > 0)) {
    throw new Error(`${MODULE}: horizonDays must be a positive number of days, got ${horizonDays}`);
  }
  const end = horizonDays === undefined ? null : until + horizonDays * DAY_MS;
  const rows = await db.query<{account_id: string; reactions: number}>(FUTURE_REACTIONS_SQL, [
    until,
    until,
    until,
    ...windowParams({from: until, to: end})
  ]);
  const ids = rows.map((row) => row.account_id);
  const outcome = ranking(
    Float64Array.from(rows, (row) => row.reactions),
    MODULE
  );

  // The queries several methods share (the reaction graph, features) run once for all of them.
  return withMemoizedDb(db, async (shared) => {
    const {available, unavailable} = await availableMethods(
      shared,
      options.methods ?? METHODS.map((method) => method.id)
    );
    const methods: MethodPrediction[] = [];
    for (const [i, method] of available.entries()) {
      onProgress?.(i / available.length);
      const values = ranking(await methodValues(shared, method, ids, {at: until, windowDays}, MODULE), MODULE);
      methods.push({
        method,
        spearman: spearmanOfRankings(values, outcome),
        kendall: kendallTauBOfRankings(values, outcome)
      });
    }
    onProgress?.(1);
    return {
      accounts: ids.length,
      reactions: rows.reduce((sum, row) => sum + row.reactions, 0),
      methods,
      skipped: unavailable
    };
  });
}
