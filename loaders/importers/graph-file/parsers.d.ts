/**
 * Types for the parser factories of graphology-gexf and graphology-graphml (`common/parser.js`), which the
 * packages do not declare: given a `DOMParser` and a `Document` class they return the `parse` function that
 * their browser and Node entry points export.
 */
declare module "graphology-gexf/common/parser.js" {
  import type {AbstractGraph, Attributes, GraphConstructor} from "graphology-types";
  type Parse = (
    Graph: GraphConstructor,
    source: string | Document,
    options?: {addMissingNodes?: boolean; allowUndeclaredAttributes?: boolean; respectInputGraphType?: boolean}
  ) => AbstractGraph<Attributes, Attributes, Attributes>;
  function createParserFunction(domParser: unknown, document: unknown): Parse;
  export = createParserFunction;
}

declare module "graphology-graphml/common/parser.js" {
  import type {AbstractGraph, Attributes, GraphConstructor} from "graphology-types";
  type Parse = (
    Graph: GraphConstructor,
    source: string | Document,
    options?: {addMissingNodes?: boolean}
  ) => AbstractGraph<Attributes, Attributes, Attributes>;
  function createParserFunction(domParser: unknown, document: unknown): Parse;
  export = createParserFunction;
}
