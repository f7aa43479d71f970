/**
 * XML documents for the graph-file importers, parsed with the environment's `DOMParser`: the browser's own,
 * or in Node `@xmldom/xmldom` (pure JavaScript, so this module stays browser-safe). Either way a document
 * that is not well-formed is an `InputError` naming the file, never a half-read document.
 */
import {InputError} from "../../input.js";

/** A parsed document and the `Document` class it is an instance of (graphology's parsers check it). */
export interface XmlDocument {
  readonly document: Document;
  readonly parserClass: unknown;
  readonly documentClass: unknown;
}

export async function parseXml(name: string, text: string): Promise<XmlDocument> {
  const native = (globalThis as {DOMParser?: typeof DOMParser}).DOMParser;
  if (native) {
    const document = new native().parseFromString(text, "application/xml");
    // Browsers report errors inside the document instead of throwing.
    const error = document.getElementsByTagName("parsererror")[0];
    if (error) throw new InputError(`${name}: not well-formed XML (${firstLine(error.textContent ?? "")})`);
    return {document, parserClass: native, documentClass: document.constructor};
  }
  const {DOMParser: XmlDom} = await import("@xmldom/xmldom");
  let problem: string | undefined;
  try {
    const document = new XmlDom({
      onError(level, message) {
        if (level === "warning") return;
        problem ??= message;
        throw new Error(message);
      }
    }).parseFromString(text, "application/xml") as unknown as Document;
    return {document, parserClass: XmlDom, documentClass: document.constructor};
  } catch (error) {
    const line = (error as {locator?: {lineNumber?: number}}).locator?.lineNumber;
    const where = line && line > 0 ? `line ${line}: ` : "";
    throw new InputError(`${name}: not well-formed XML (${where}${firstLine(problem ?? (error as Error).message)})`);
  }
}

function firstLine(text: string): string {
  return text.trim().split("\n", 1)[0]!.trim();
}

/** The elements of `document` with this tag name, in document order, as an array (a snapshot, not live). */
export function elements(document: Document | Element, tag: string): Element[] {
  return Array.from(document.getElementsByTagName(tag) as ArrayLike<Element>);
}

/** Removes `element` from its parent, so that graphology's parser does not see it. */
export function remove(element: Element): void {
  element.parentNode?.removeChild(element);
}

/** `<tag a="1" b="2">`, the way a rejected element is shown in the report. */
export function describeElement(element: Element): string {
  const attributes = Array.from(element.attributes as ArrayLike<Attr>)
    .map((attribute) => ` ${attribute.name}="${attribute.value}"`)
    .join("");
  return `<${element.tagName}${attributes}>`;
}
