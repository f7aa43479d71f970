/**
 * The network explorer's URL: the dataset, the centre account and the sizing method as every page writes them
 * (`url-state.ts`), and `hops=2` for the two-hop view (one hop, the default, is left out of the URL).
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
  const {dataset, account, method} = decodeState(search);
  const hops: Hops = new URLSearchParams(search).get("hops") === "2" ? 2 : 1;
  return {
    ...(dataset === undefined ? {} : {dataset}),
    ...(account === undefined ? {} : {account}),
    ...(method === undefined ? {} : {method}),
    hops
  };
}

/** `href` showing `state` (an undefined field is removed); other parameters and the fragment are kept. */
export function encodeNetworkState(href: string, state: NetworkState): string {
  const url = new URL(withState(href, {dataset: state.dataset, account: state.account, method: state.method}));
  if (state.hops === 2) url.searchParams.set("hops", "2");
  else url.searchParams.delete("hops");
  return url.href;
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
