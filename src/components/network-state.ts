/**
 * The network explorer's URL (`url-state.ts`): the dataset, the centre account, the sizing method, and `hops=2`
 * for the two-hop view (one hop, the default, is left out of the URL).
 */
import type {Hops} from "./network.js";
import {decodeState, withState, type PageState} from "./url-state.js";

export interface NetworkState extends Pick<PageState, "dataset" | "account" | "method"> {
  hops: Hops;
}

/**
 * The explorer's state in a query string; `hops` other than 2 reads as 1.
 *
 * @example
 * decodeNetworkState("?account=x%3A1&hops=2"); // => {account: "x:1", hops: 2}
 */
export function decodeNetworkState(search: string): NetworkState {
  const {dataset, account, method, hops = 1} = decodeState(search);
  return {
    ...(dataset === undefined ? {} : {dataset}),
    ...(account === undefined ? {} : {account}),
    ...(method === undefined ? {} : {method}),
    hops
  };
}

/** `href` showing `state` (an undefined field is removed); other parameters and the fragment are kept. */
export function encodeNetworkState(href: string, state: NetworkState): string {
  const {dataset, account, method, hops} = state;
  return withState(href, {dataset, account, method, hops: hops === 2 ? 2 : undefined});
}

/**
 * A relative link to the explorer showing `state`.
 *
 * @example
 * networkLink({account: "x:1", hops: 2}); // => "network.html?account=x%3A1&hops=2"
 */
export function networkLink(state: NetworkState): string {
  return `network.html${new URL(encodeNetworkState("http://site.invalid/network.html", state)).search}`;
}
