/** Text as XML 1.0 can hold it. */

// Control characters other than tab and line ends, lone surrogates and U+FFFE/U+FFFF.
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/**
 * Drops the characters XML 1.0 cannot hold at all, even escaped: a file holding one would be refused by
 * every conforming parser (Gephi's included), so a stray control character in a handle is not worth that.
 */
export function xmlText(text: string): string {
  return text.replace(NOT_XML, "");
}
