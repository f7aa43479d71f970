/**
 * The interactions with their accounts as integers, the relation the feature queries read instead of joining
 * text ids to a numbering of the accounts in each query. Within a memoized view (`scoring/memo-db.ts`) the account
 * codes and the indexed interactions are each a TEMP table made once for the whole call; for any other `Db` they
 * are subqueries with the same columns.
 *
 * Codes: an account is its index in `accountList` (0…n−1 in `account_id` order, ACCOUNT_INDEX_SQL); an id that an
 * interaction names but that is not an account is negative (−m…−1 in id order). The coding is one to one, so
 * `actor <> target` is `actor_id <> target_id`, distinct codes are distinct ids, and codes sort as strangers by id,
 * then accounts in `account_id` order. A query that joined the account index keeps the rows with codes ≥ 0.
 *
 * A caller that holds both relations already as tables (the simulation lab loads a world's, `withIndexedRelations`)
 * lets the queries read those instead of making them.
 */
import type {Db} from "../db.js";
import {sharedRelation, withRelations} from "../memo-db.js";
import {ACCOUNT_INDEX_SQL} from "./accounts.js";
import {utcDay} from "./daily.js";

/**
 * Every account and every other id an interaction names, with its code: columns `account_id`, `account` (INTEGER).
 * The other ids are found against `accounts` itself: the numbering is a sort, better done once.
 */
export const ACCOUNT_CODES_SQL = `
WITH nodes AS (${ACCOUNT_INDEX_SQL}),
strangers AS (
  SELECT actor_id AS account_id FROM interactions ANTI JOIN accounts a ON a.account_id = interactions.actor_id
  UNION
  SELECT target_id FROM interactions ANTI JOIN accounts a ON a.account_id = interactions.target_id
)
SELECT account_id, account FROM nodes
UNION ALL
SELECT account_id, (-row_number() OVER (ORDER BY account_id DESC))::INTEGER FROM strangers`;

/**
 * The interactions over the account codes of `codes` (a relation of ACCOUNT_CODES_SQL's rows): `actor` and
 * `target` (INTEGER codes), `kind`, `ts`, `day` (the UTC day, INTEGER, `utcDay`), `network` and `post_id`.
 */
export const indexedInteractionsSql = (codes: string) => `
SELECT a.account AS actor, t.account AS target, i.kind, i.ts, ${utcDay("i.ts")} AS day, i.network, i.post_id
FROM interactions i
JOIN ${codes} a ON a.account_id = i.actor_id
JOIN ${codes} t ON t.account_id = i.target_id`;

/** The columns of ACCOUNT_CODES_SQL's rows, as a CREATE TABLE declares them. */
export const ACCOUNT_CODES_COLUMNS = "account_id VARCHAR NOT NULL, account INTEGER NOT NULL";

/**
 * The columns of `indexedInteractionsSql`'s rows, as a CREATE TABLE declares them. A table that knows every kind and
 * network its rows hold may declare `kind` and `network` as ENUMs of those values in sorted order instead of
 * VARCHAR: such a column compares, sorts, groups and joins as its text does (the feature queries give the same
 * answers), and the engine filters and groups it as small integers.
 */
export const indexedInteractionsColumns = (types: {kind?: string; network?: string} = {}) =>
  `actor INTEGER NOT NULL, target INTEGER NOT NULL, kind ${types.kind ?? "VARCHAR"} NOT NULL, ts TIMESTAMP NOT NULL, ` +
  `day INTEGER NOT NULL, network ${types.network ?? "VARCHAR"} NOT NULL, post_id VARCHAR`;

/** The keys of the two relations among a view's shared relations (`scoring/memo-db.ts`). */
const CODES = "account_codes";
const INTERACTIONS = "interactions";

/** The relation of account codes (ACCOUNT_CODES_SQL) for the queries of `db`. */
export function accountCodes(db: Db): Promise<string> {
  return sharedRelation(db, CODES, ACCOUNT_CODES_SQL);
}

/** The relation of indexed interactions (`indexedInteractionsSql`) for the queries of `db`. */
export async function indexedInteractions(db: Db): Promise<string> {
  return sharedRelation(db, INTERACTIONS, indexedInteractionsSql(await accountCodes(db)));
}

/**
 * A view of `db` whose queries read the account codes and the indexed interactions from the tables `tables` names,
 * which must hold exactly the rows of ACCOUNT_CODES_SQL and of `indexedInteractionsSql` over the data of `db`
 * (columns ACCOUNT_CODES_COLUMNS and `indexedInteractionsColumns`). Nothing drops those tables.
 */
export function withIndexedRelations(db: Db, tables: IndexedRelations): Db {
  return withRelations(db, {[CODES]: tables.codes, [INTERACTIONS]: tables.interactions});
}

/** The relations a query reads: account codes (ACCOUNT_CODES_SQL) and indexed interactions. */
export interface IndexedRelations {
  readonly codes: string;
  readonly interactions: string;
}

/** The relations of account codes and of indexed interactions for the queries of `db`. */
export async function indexedRelations(db: Db): Promise<IndexedRelations> {
  const codes = await accountCodes(db);
  return {codes, interactions: await indexedInteractions(db)};
}
