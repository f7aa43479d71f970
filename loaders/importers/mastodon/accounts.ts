/**
 * Mastodon accounts from what an export knows of them: an address (`user@host`, as in mentions and
 * `following_accounts.csv`) or only an ActivityPub URI.
 *
 * An export names other people's accounts and posts by URI, not by address. The address is recovered from
 * the URI's path where the server software puts the user name there:
 *
 *   https://HOST/users/NAME[/statuses/ID[/activity]]   Mastodon, GoToSocial, Pleroma and Akkoma actors
 *   https://HOST/@NAME[/ID]                            Mastodon and Misskey web addresses
 *   https://HOST/@NAME@OTHER[/ID]                      a remote account as another server shows it
 *
 * and the address is NAME@HOST. Other URIs (Pleroma's `/objects/<uuid>`, Misskey's `/notes/<id>`, Lemmy's
 * `/post/<id>`) name no account, and the caller skips or drops what needs one. Two known limits: a server whose
 * handles use another domain than its web host (LOCAL_DOMAIN ≠ WEB_DOMAIN, e.g. @bob@example.org served from
 * mastodon.example.org) gets the web host when only a URI is known; and Misskey's `/users/<id>` actor URIs hold
 * an internal id, not the user name, which then stands in for the name.
 */
import type {Account} from "../../schema.js";

export const NETWORK = "mastodon";

export interface Address {
  /** The user name, as written. */
  readonly user: string;
  /** The server, lower-case. */
  readonly host: string;
}

const USER = /^[\w.-]+$/;
const HOST = /^[a-z0-9.-]+(?::\d+)?$/;

/** The account id of an address: `mastodon:user@host`, lower-case (Mastodon matches names case-insensitively). */
export function accountId({user, host}: Address): string {
  return `${NETWORK}:${user}@${host}`.toLowerCase();
}

/** The accounts row of an address, with whatever else is known of it. */
export function accountRow(address: Address, extra: Partial<Account> = {}): Account {
  return {account_id: accountId(address), network: NETWORK, handle: `${address.user}@${address.host}`, ...extra};
}

/** `user@host`, `@user@host`, or a bare `user` on `defaultHost`; undefined if `text` is none of these. */
export function parseAddress(text: string, defaultHost?: string): Address | undefined {
  const [user, host = defaultHost, ...rest] = text.replace(/^@/, "").split("@");
  if (rest.length || !user || !host || !USER.test(user)) return undefined;
  const lowerHost = host.toLowerCase();
  return HOST.test(lowerHost) ? {user, host: lowerHost} : undefined;
}

/** The address an actor or post URI shows (see the module header), or undefined. */
export function addressOfUri(uri: string): Address | undefined {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return undefined;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return undefined;
  const [first, second] = url.pathname.split("/").slice(1).map(decodeURIComponentSafe);
  if (first === "users" && second) return parseAddress(second, url.host);
  if (first?.startsWith("@")) return parseAddress(first, url.host);
  return undefined;
}

/** The address of an ActivityStreams `Mention` tag: its `name` (`@user@host`, or `@user` on the host of `href`). */
export function addressOfMention(name: unknown, href: unknown): Address | undefined {
  const hrefHost = typeof href === "string" ? hostOf(href) : undefined;
  if (typeof name === "string") {
    const address = parseAddress(name, hrefHost);
    if (address) return address;
  }
  return typeof href === "string" ? addressOfUri(href) : undefined;
}

function hostOf(uri: string): string | undefined {
  try {
    return new URL(uri).host;
  } catch {
    return undefined;
  }
}

function decodeURIComponentSafe(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
