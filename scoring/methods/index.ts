/**
 * The method registry. Adding a method: write `scoring/methods/<id>.ts` exporting a `Method` (its card in the
 * header comment), list it here, and test it against hand-computed values.
 */
import {followers, indegree, lampos} from "./followers.js";
import {klout} from "./klout.js";
import type {Method} from "./method.js";
import {pagerankFollows, pagerankInteractions} from "./pagerank.js";
import {mentions, reactions, reposts} from "./reactions.js";

export type {Method, MethodOptions, MethodValue, ResolvedOptions} from "./method.js";

export const METHODS: readonly Method[] = [
  klout,
  followers,
  indegree,
  lampos,
  reactions,
  reposts,
  mentions,
  pagerankInteractions,
  pagerankFollows
];

export function getMethod(id: string): Method {
  const method = METHODS.find((m) => m.id === id);
  if (!method) throw new RangeError(`unknown method "${id}"; known methods: ${METHODS.map((m) => m.id).join(", ")}`);
  return method;
}
