/**
 * Conversation starters against pleasantry posters: the same people, writing differently. Starters ask
 * questions (which draw replies); pleasantry posters say good morning (which draws little).
 *
 * Parameters: `share` (default 0.1) of the accounts, half of them starters, whose original posts are 75%
 * questions, half pleasantry posters, whose posts are 85% pleasantries (see `TEXT_MIXES` in `builder.ts`
 * and `STYLE_EFFECT` for what each style draws). Roles: `conversation-starter`, `pleasantry-poster`.
 */
import {MIX_PLEASANTRIES, MIX_QUESTIONS} from "../builder.js";
import type {Scenario} from "./scenario.js";

export const conversation: Scenario<void> = {
  id: "conversation",
  roles: ["conversation-starter", "pleasantry-poster"],
  defaultShare: 0.1,
  shape({build, accounts, pick}, share) {
    const p = build.population;
    const half = Math.round((share * accounts) / 2);
    for (const [role, mix] of [
      ["conversation-starter", MIX_QUESTIONS],
      ["pleasantry-poster", MIX_PLEASANTRIES]
    ] as const) {
      const code = build.roleCode(role);
      for (const account of pick(half)) {
        p.role[account] = code;
        p.textMix[account] = mix;
      }
    }
  }
};
