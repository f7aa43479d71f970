/**
 * The export's owner, from `actor.json`: the ActivityPub actor (`ActivityPub::ActorSerializer`) with `id` (the
 * actor URI), `preferredUsername`, `name` (display name), `published` (the sign-up day) and `followers` (a
 * collection URI; the archive holds no counts).
 */
import {InputError, type InputFile} from "../../input.js";
import type {Account} from "../../schema.js";
import {accountRow, parseAddress, type Address} from "./accounts.js";
import {parseZonedDatetime} from "../../datetime.js";
import type {Outcome} from "./outcome.js";

export interface Owner {
  readonly account: Account;
  readonly address: Address;
  /** The actor URI. */
  readonly uri: string;
  /** The URI of the owner's followers collection: a post addressed to it is not a direct message. */
  readonly followers: string;
}

/**
 * The owner described by the text of `actor.json`, and the outcome of that one record: the owner's account row,
 * or a rejection of an invalid `published` (the owner is then known without a creation time). Throws `InputError`
 * when the file names no actor, since nothing else in the export can be attributed without one.
 */
export function ownerOf(file: InputFile, text: string): {owner: Owner; outcome: Outcome} {
  if (!text.trim()) throw new InputError(`${file.name}: empty file`);
  let actor: Record<string, unknown>;
  try {
    actor = JSON.parse(text);
  } catch (error) {
    throw new InputError(`${file.name}: not valid JSON (${(error as Error).message})`);
  }
  const uri = typeof actor?.id === "string" && URL.canParse(actor.id) ? actor.id : undefined;
  const name = actor?.preferredUsername;
  const address = uri && typeof name === "string" ? parseAddress(name, new URL(uri).host) : undefined;
  if (!uri || !address) {
    throw new InputError(`${file.name}: no actor id and preferredUsername (expected the account's ActivityPub actor)`);
  }
  const created = actor.published === undefined ? undefined : parseZonedDatetime(actor.published);
  const displayName = typeof actor.name === "string" && actor.name ? actor.name : undefined;
  const owner: Owner = {
    account: accountRow(address, {
      ...(displayName ? {display_name: displayName} : {}),
      ...(created ? {created_at: created} : {})
    }),
    address,
    uri,
    followers: typeof actor.followers === "string" ? actor.followers : `${uri}/followers`
  };
  const outcome: Outcome =
    actor.published !== undefined && !created
      ? {reject: "timestamp is not a valid date"}
      : {rows: [{table: "accounts", row: owner.account}]};
  return {owner, outcome};
}
