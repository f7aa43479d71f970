/**
 * The method registry. Adding a method: write `scoring/methods/<id>.ts` exporting a `Method` (its card in the
 * header comment), list it here, and test it against hand-computed values.
 */
import {followers, indegree, lampos} from "./followers.js";
import {hitsAuthority, influencePassivity, kshell, twitterrank} from "./graph-baselines.js";
import {klout} from "./klout.js";
import {kred, kredGlobal, kredOutreach} from "./kred.js";
import type {Method} from "./method.js";
import {pagerankFollows, pagerankInteractions} from "./pagerank.js";
import {pairsLogistic} from "./pairs-logistic.js";
import {peerindex, peerindexActivity, peerindexAudience, peerindexAuthority} from "./peerindex.js";
import {mentions, reactions, reposts} from "./reactions.js";
import {
  twitalyzerClout,
  twitalyzerEngagement,
  twitalyzerGenerosity,
  twitalyzerImpact,
  twitalyzerSignalToNoise,
  twitalyzerVelocity
} from "./twitalyzer.js";

export type {Method, MethodOptions, MethodValues, ResolvedOptions} from "./method.js";

export const METHODS: readonly Method[] = [
  klout,
  kred,
  kredGlobal,
  kredOutreach,
  peerindex,
  peerindexAuthority,
  peerindexAudience,
  peerindexActivity,
  twitalyzerImpact,
  twitalyzerEngagement,
  twitalyzerClout,
  twitalyzerGenerosity,
  twitalyzerVelocity,
  twitalyzerSignalToNoise,
  pairsLogistic,
  followers,
  indegree,
  lampos,
  reactions,
  reposts,
  mentions,
  pagerankInteractions,
  pagerankFollows,
  hitsAuthority,
  kshell,
  influencePassivity,
  twitterrank
];

export function getMethod(id: string): Method {
  const method = METHODS.find((m) => m.id === id);
  if (!method) throw new RangeError(`unknown method "${id}"; known methods: ${METHODS.map((m) => m.id).join(", ")}`);
  return method;
}
