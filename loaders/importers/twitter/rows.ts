/**
 * The rows of one Twitter record, collected before they go to the recorder: each account and post once per
 * record (the fullest account row when a record shows the same account twice, e.g. as author and as mention),
 * accounts first.
 */
import type {Account, Follow, Interaction, Post, TableRow} from "../../schema.js";

export const NETWORK = "twitter";

/** `twitter:<numeric id>`. */
export function accountId(nativeId: string): string {
  return `${NETWORK}:${nativeId}`;
}

/** `twitter:<numeric tweet id>`. */
export function postId(nativeId: string): string {
  return `${NETWORK}:${nativeId}`;
}

/** An account known only by id and perhaps handle and name (a mention, a reply target, a follower). */
export function minimalAccount(nativeId: string, handle?: string, displayName?: string): Account {
  const row: Account = {account_id: accountId(nativeId), network: NETWORK, handle: handle ?? nativeId};
  if (displayName !== undefined) row.display_name = displayName;
  return row;
}

export class RecordRows {
  readonly #accounts = new Map<string, Account>();
  readonly #posts = new Map<string, Post>();
  readonly #interactions: Interaction[] = [];
  readonly #follows: Follow[] = [];

  /** Adds an account; a second row for the same id replaces the first only if it knows more. */
  account(row: Account): void {
    const known = this.#accounts.get(row.account_id);
    if (!known || filled(row) > filled(known)) this.#accounts.set(row.account_id, row);
  }

  hasPost(id: string): boolean {
    return this.#posts.has(id);
  }

  post(row: Post): void {
    if (!this.#posts.has(row.post_id)) this.#posts.set(row.post_id, row);
  }

  interaction(row: Interaction): void {
    this.#interactions.push(row);
  }

  follow(row: Follow): void {
    this.#follows.push(row);
  }

  rows(): TableRow[] {
    return [
      ...[...this.#accounts.values()].map((row): TableRow => ({table: "accounts", row})),
      ...[...this.#posts.values()].map((row): TableRow => ({table: "posts", row})),
      ...this.#interactions.map((row): TableRow => ({table: "interactions", row})),
      ...this.#follows.map((row): TableRow => ({table: "follows", row}))
    ];
  }
}

function filled(row: Account): number {
  let count = 0;
  for (const value of Object.values(row)) if (value !== undefined && value !== null) count++;
  return count;
}
