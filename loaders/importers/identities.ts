/**
 * Identities: a CSV `person_id,account_id` linking one person's accounts across networks (DESIGN.md §2,
 * `identities(person_id, account_id)`), e.g.
 *
 *     person_id,account_id
 *     ada,twitter:12
 *     ada,mastodon:ada@example.social
 *
 * The header line is optional (skipped as "header line"), as are blank lines ("blank line"); lines end in LF
 * or CRLF; a field may be wrapped in double quotes (`"Hopper, Grace",twitter:12`). Each other line is one
 * record, numbered by its 1-based line, and becomes one `identities` row. Rejected: a line without exactly two fields, an empty person id, an account
 * id not of the form `network:native_id` (a network without colon or whitespace, a native id without
 * whitespace), and an account that an earlier line of the file gave to another person (an account belongs to
 * one person). A line repeating an earlier pair is skipped as "duplicate identity".
 *
 * Accounts are not touched: the linked accounts may come from imports before or after this one (or not be
 * imported at all), and an account row written here would win over the fuller row of the network's own
 * import. `accounts.person_id` is filled from this table when scoring, by joining on `account_id`.
 */
import {InputError, isFolder, readLines} from "../input.js";
import type {Importer} from "./importer.js";

const NAME = "identities";
const ACCOUNT_ID = /^[^:\s]+:\S+$/;
const HEADER = /^"?person_id"?\s*,\s*"?account_id"?$/i;
// Detection: `person,network:id` lines; the person id holds no comma or quote, so CSVs of other shapes differ.
const SAMPLE_LINE = /^"?[^,"]+"?,"?[^,:\s"/]+:[^,\s"/][^,\s"]*"?$/;

export const identities: Importer = {
  name: NAME,
  description: "identities CSV: `person_id,account_id` lines linking one person's accounts across networks",
  detect({text}) {
    const lines = text
      .split("\n")
      .slice(0, 50)
      .map((line) => line.trim())
      .filter(Boolean);
    // The sample may end inside its last line.
    if (lines.length > 1 && !text.endsWith("\n")) lines.pop();
    if (lines.length > 0 && HEADER.test(lines[0]!)) return "a `person_id,account_id` header";
    return lines.length > 0 && lines.every((line) => SAMPLE_LINE.test(line))
      ? "lines of `person_id,network:native_id`"
      : undefined;
  },
  async read(input, sink, {onProgress}) {
    if (isFolder(input)) throw new InputError(`${input.name}: identities reads one CSV file, not a folder`);
    const source = sink.source(NAME, input.name);
    const progress = onProgress && ((fraction: number) => onProgress(input.name, fraction));
    // Every account seen so far and its person: an account belongs to one person.
    const personOf = new Map<string, string>();
    let lines = 0;
    let records = 0;
    for await (const {number, text: raw} of readLines(input, {onProgress: progress})) {
      lines++;
      const text = raw.trim();
      if (text.includes("\0")) throw new InputError(`${input.name}: line ${number}: looks binary, not text`);
      if (!text) {
        source.skip("blank line");
        continue;
      }
      if (++records === 1 && HEADER.test(text)) {
        source.skip("header line");
        continue;
      }
      const fields = csvFields(text);
      const [personId, accountId] = fields as [string, string];
      let reason: string | undefined;
      if (fields.length !== 2) reason = `expected 2 fields (person_id,account_id), found ${fields.length}`;
      else if (!personId) reason = "person_id is empty";
      else if (!ACCOUNT_ID.test(accountId)) reason = "account_id is not network:native_id";
      else if (personOf.get(accountId) === personId) {
        source.skip("duplicate identity");
        continue;
      } else if (personOf.has(accountId)) reason = "account_id already belongs to another person";
      if (reason) {
        source.reject(number, reason, text);
        continue;
      }
      personOf.set(accountId, personId);
      source.accept(number, [{table: "identities", row: {person_id: personId, account_id: accountId}}], text);
    }
    if (lines === 0) throw new InputError(`${input.name}: empty file`);
  }
};

/** The fields of one CSV line (RFC 4180): commas separate, double quotes wrap a field that holds one. */
function csvFields(line: string): string[] {
  const fields: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i]!;
    if (quoted) {
      if (char !== '"') field += char;
      else if (line[i + 1] === '"') field += line[++i];
      else quoted = false;
    } else if (char === '"') quoted = true;
    else if (char === ",") {
      fields.push(field.trim());
      field = "";
    } else field += char;
  }
  fields.push(field.trim());
  return fields;
}
