/**
 * The plain text of a status's HTML `content`. Mastodon writes a small subset of HTML
 * (https://docs.joinmastodon.org/spec/activitypub/#sanitization): paragraphs, line breaks, links, the
 * `h-card` spans of mentions and, since 4.0, a few inline and block elements. Links are shortened for display by
 * wrapping parts of the URL in `<span class="invisible">`, which is hidden by CSS only: keeping every text node
 * gives back the whole URL.
 *
 * Browser-safe and DOM-free, so it runs in a worker too: tags are dropped, `<br>` becomes a line break, the end of a
 * block (paragraph, list item, heading, quote) a blank line, whitespace collapses as HTML renders it, and
 * character references are decoded (numeric ones and the named ones Mastodon and its sanitizer emit).
 */

// A tag, with quoted attribute values that may hold `>`; or a comment.
const TAG = /<!--[\s\S]*?-->|<(\/?)([a-zA-Z][a-zA-Z0-9]*)(?:[^>"']|"[^"]*"|'[^']*')*>/g;
const BLOCKS = new Set(["p", "div", "li", "ul", "ol", "blockquote", "pre", "h1", "h2", "h3", "h4", "h5", "h6"]);
const DROPPED = /<(script|style)\b[\s\S]*?<\/\1\s*>/gi;
const REFERENCE = /&(#\d+|#x[0-9a-f]+|[a-z]+);/gi;
const NAMED: Record<string, string> = {amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0"};
// Noncharacters, which no text exchanged holds, mark line and paragraph ends through whitespace collapsing.
const BREAK = "\ufdd0";
const PARAGRAPH = "\ufdd1";

/** The plain text of an HTML fragment. */
export function htmlToText(html: string): string {
  const marked = html.replace(DROPPED, "").replace(TAG, (tag, closing: string, name: string | undefined) => {
    const element = name?.toLowerCase();
    if (element === "br") return BREAK;
    return element && BLOCKS.has(element) && (closing || element === "li") ? PARAGRAPH : "";
  });
  const text = marked
    .replace(/[ \t\r\n\f]+/g, " ")
    .replace(/[ \ufdd0\ufdd1]*\ufdd1[ \ufdd0\ufdd1]*/g, "\n\n")
    .replace(/ *\ufdd0 */g, "\n")
    .trim();
  // References are decoded last, so that an escaped `&lt;p&gt;` stays text and `&nbsp;` is not collapsed.
  return decodeReferences(text);
}

function decodeReferences(text: string): string {
  return text.replace(REFERENCE, (reference, body: string) => {
    if (body[0] !== "#") return NAMED[body.toLowerCase()] ?? reference;
    const code = body[1] === "x" || body[1] === "X" ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
    return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : "\ufffd";
  });
}
