/**
 * Strongly connected components of a directed graph given by its adjacency rows (CSR offsets and targets), by
 * Tarjan's algorithm written with an explicit stack, so that deep graphs (a path of a million nodes) do not
 * overflow the call stack.
 *
 * Reference: Tarjan, R. E. (1972). "Depth-first search and linear graph algorithms." SIAM Journal on Computing
 * 1(2), 146–160.
 */

const DONE = 0x7fffffff;

/** The components, listed one after another. */
export interface Components {
  /** Number of components. */
  readonly count: number;
  /** Every node once, grouped by component: component `c` is `nodes[starts[c]..starts[c + 1]]`, in no set order. */
  readonly nodes: Int32Array;
  /** Start of each component in `nodes` (length `count + 1`, `starts[count] === nodeCount`). */
  readonly starts: Int32Array;
}

/**
 * The strongly connected components of the graph whose node `v` has the edges `v → targets[k]` for `k` in
 * `offsets[v]..offsets[v + 1]`. Components come in Tarjan's order: a component comes after every component it
 * has an edge to, so on a graph of in-edges (each row lists a node's in-neighbours) every component comes after
 * all the components that reach it. O(nodes + edges) time; two typed arrays of one entry per node, five of one
 * entry per node listed.
 *
 * Nodes flagged in `leaveOut` are neither visited nor listed (`starts[count]` is then the number of nodes
 * listed), as if their components had been listed already. Every other node's component is still found whole
 * when no path between two listed nodes runs through a node left out: nodes without in-edges, say, whose
 * components are themselves alone.
 */
export function stronglyConnectedComponents(
  nodeCount: number,
  offsets: ArrayLike<number>,
  targets: ArrayLike<number>,
  leaveOut?: Uint8Array
): Components {
  const n = nodeCount;
  // Discovery index of each node: −1 before it is visited, DONE once its component is out, so that only nodes
  // still on the stack can lower `low`, the least index a node's subtree reaches.
  const index = new Int32Array(n).fill(-1);
  // The stacks, the list and the starts below hold listed nodes only.
  let listed = n;
  if (leaveOut !== undefined) {
    for (let v = 0; v < n; v++) {
      if (leaveOut[v] !== 0) {
        index[v] = DONE;
        listed--;
      }
    }
  }
  const low = new Int32Array(n);
  // Tarjan's stack of visited nodes not yet in a component, and the depth-first path with each step's next edge.
  const stack = new Int32Array(listed);
  const path = new Int32Array(listed);
  const pathEdge = new Int32Array(listed);
  const nodes = new Int32Array(listed);
  const starts = new Int32Array(listed + 1);
  let counter = 0;
  let stackTop = 0;
  let written = 0;
  let count = 0;
  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    if (offsets[root] === offsets[root + 1]) {
      // A node without out-edges is a component of its own that reaches no other: it can be listed at once.
      index[root] = DONE;
      nodes[written++] = root;
      starts[++count] = written;
      continue;
    }
    index[root] = low[root] = counter++;
    stack[stackTop++] = root;
    path[0] = root;
    pathEdge[0] = offsets[root];
    let depth = 1;
    while (depth > 0) {
      const v = path[depth - 1];
      const end = offsets[v + 1];
      let k = pathEdge[depth - 1];
      let lowest = low[v];
      let child = -1;
      while (k < end) {
        const w = targets[k++];
        const seen = index[w];
        if (seen === -1) {
          if (offsets[w] === offsets[w + 1]) {
            index[w] = DONE;
            nodes[written++] = w;
            starts[++count] = written;
          } else {
            child = w;
            break;
          }
        } else if (seen < lowest) {
          lowest = seen;
        }
      }
      low[v] = lowest;
      if (child !== -1) {
        pathEdge[depth - 1] = k;
        index[child] = low[child] = counter++;
        stack[stackTop++] = child;
        path[depth] = child;
        pathEdge[depth++] = offsets[child];
        continue;
      }
      depth--;
      if (lowest === index[v]) {
        let w: number;
        do {
          w = stack[--stackTop];
          index[w] = DONE;
          nodes[written++] = w;
        } while (w !== v);
        starts[++count] = written;
      }
      if (depth > 0) {
        const parent = path[depth - 1];
        if (lowest < low[parent]) low[parent] = lowest;
      }
    }
  }
  return {count, nodes, starts: starts.slice(0, count + 1)};
}
