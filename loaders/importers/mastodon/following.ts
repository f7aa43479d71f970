/**
 * One line of `following_accounts.csv`, from Settings → Import and export → Data export ("Follows"). Since
 * Mastodon 3.3 the file starts with the header `Account address,Show boosts,Notify on new posts,Languages`
 * (`Export#to_following_accounts_csv`); older exports hold one `user@domain` per line and no header. The address
 * is the first field; it never holds a comma or a quote, so the line needs no CSV parser. A bare user name
 * is taken to be on the owner's server.
 */
import {NETWORK, accountId, accountRow, parseAddress} from "./accounts.js";
import type {Owner} from "./actor.js";
import type {Outcome} from "./outcome.js";

const HEADER = /^account address,/i;

export function followingRows(number: number, text: string, owner: Owner): Outcome {
  if (number === 1 && HEADER.test(text)) return {skip: "header line"};
  if (!text.trim()) return {skip: "blank line"};
  const address = parseAddress(text.split(",")[0]!.trim(), owner.address.host);
  if (!address) return {reject: "not an account address (user@domain)"};
  return {
    rows: [
      {table: "accounts", row: owner.account},
      {table: "accounts", row: accountRow(address)},
      {
        table: "follows",
        row: {follower_id: owner.account.account_id, followee_id: accountId(address), network: NETWORK}
      }
    ]
  };
}
