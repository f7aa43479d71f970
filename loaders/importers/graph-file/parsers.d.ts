/**
 * Types for the parser factories of graphology-gexf and graphology-graphml (`common/parser.js`), which the
 * packages do not declare: given a `DOMParser` and a `Document` class they return the `parse` function that
 * their browser and Node entry points export. `parse` builds its graph with the class it is given and returns
 * an instance of it.
 */
declare module "graphology-gexf/common/parser.js" {
  type Parse = <G>(
    Graph: new (options: {type: string}) => G,
    source: string | Document,
    options?: {addMissingNodes?: boolean; allowUndeclaredAttributes?: boolean; respectInputGraphType?: boolean}
  ) => G;
  function createParserFunction(domParser: unknown, document: unknown): Parse;
  export = createParserFunction;
}

declare module "graphology-graphml/common/parser.js" {
  type Parse = <G>(
    Graph: new (options: {type: string}) => G,
    source: string | Document,
    options?: {addMissingNodes?: boolean}
  ) => G;
  function createParserFunction(domParser: unknown, document: unknown): Parse;
  export = createParserFunction;
}
