/**
 * One item of `likes.json`: the URI of a liked post (`ActivityPub::TagManager#uri_for`). It becomes a like
 * interaction to the author the URI shows (`accounts.ts`), at the time the post's id holds (`post-time.ts`), with
 * the liked post as `post_id`. A URI that shows no author or no time is skipped with that reason.
 */
import {NETWORK, accountId, accountRow, addressOfUri} from "./accounts.js";
import type {Owner} from "./actor.js";
import type {Outcome} from "./outcome.js";
import {timeOfPostUri} from "./post-time.js";

export function likeRows(item: unknown, owner: Owner): Outcome {
  if (typeof item !== "string" || !URL.canParse(item)) return {reject: "like: not a post URI"};
  const author = addressOfUri(item);
  if (!author) return {skip: "like: author not recoverable from the post URI"};
  const ts = timeOfPostUri(item);
  if (!ts) return {skip: "like: time not recoverable from the post URI"};
  return {
    rows: [
      {table: "accounts", row: owner.account},
      {table: "accounts", row: accountRow(author)},
      {
        table: "interactions",
        row: {
          ts,
          network: NETWORK,
          actor_id: owner.account.account_id,
          target_id: accountId(author),
          post_id: `${NETWORK}:${item}`,
          kind: "like"
        }
      }
    ]
  };
}
