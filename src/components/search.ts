/**
 * Finding accounts by handle or display name as the reader types: a case-insensitive substring match
 * (`ILIKE`), with the reader's text passed as a parameter and its `%` and `_` escaped, so they match
 * themselves rather than acting as wildcards.
 */
import type {Db} from "../scoring/db.js";

/** An account found by the search. */
export interface AccountMatch {
  account_id: string;
  network: string;
  handle: string;
  display_name: string | null;
}

/**
 * The `ILIKE` pattern matching `text` anywhere, with `\`, `%` and `_` escaped by a backslash (the query says
 * `ESCAPE '\'`).
 *
 * @example
 * containsPattern("50%_off"); // => "%50\\%\\_off%"
 */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

/**
 * Accounts whose handle or display name contains the pattern (parameter 1, twice); exact handles first, then
 * handles that start with the text (parameter 2, the text itself), then by handle. At most parameter 3 rows.
 */
export const SEARCH_SQL = `
SELECT account_id, network, handle, display_name
FROM accounts
WHERE handle ILIKE ?1 ESCAPE '\\' OR display_name ILIKE ?1 ESCAPE '\\'
ORDER BY lower(handle) = lower(?2) DESC, starts_with(lower(handle), lower(?2)) DESC, lower(handle), account_id
LIMIT ?3::BIGINT
`;

/** Up to `limit` accounts matching `text` (trimmed); none for empty text. */
export async function searchAccounts(
  db: Db,
  text: string,
  {limit = 20}: {limit?: number} = {}
): Promise<AccountMatch[]> {
  const needle = text.trim();
  if (needle === "") return [];
  return db.query<AccountMatch & Record<string, string | null>>(SEARCH_SQL, [containsPattern(needle), needle, limit]);
}

/**
 * The matches as a list of buttons (`data-testid="search-results"`), each naming the account by handle, display
 * name and network as text; `onPick` receives the chosen account's id. Says so when nothing matches.
 */
export function searchResults(
  matches: readonly AccountMatch[],
  text: string,
  {onPick, document = globalThis.document}: {onPick: (accountId: string) => void; document?: Document}
): HTMLElement {
  const results = document.createElement("div");
  results.dataset.testid = "search-results";
  results.setAttribute("aria-live", "polite");
  if (text.trim() === "") return results;
  if (matches.length === 0) {
    results.appendChild(document.createElement("p")).textContent = `No account matches “${text.trim()}”.`;
    return results;
  }
  const list = results.appendChild(document.createElement("ul"));
  list.className = "sway-results";
  for (const match of matches) {
    const button = list.appendChild(document.createElement("li")).appendChild(document.createElement("button"));
    button.type = "button";
    button.dataset.account = match.account_id;
    button.appendChild(document.createElement("strong")).textContent = match.handle;
    const rest = [match.display_name, match.network].filter((part) => part !== null && part !== "").join(" · ");
    button.append(document.createTextNode(rest ? ` — ${rest}` : ""));
    button.addEventListener("click", () => onPick(match.account_id));
  }
  return results;
}
