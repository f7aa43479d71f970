/**
 * Where each account of an ego network is drawn: a d3-force simulation (links pulling tied accounts together,
 * many-body repulsion, collision by radius, a gentle radial pull to each account's hop ring) run for a fixed
 * number of ticks from fixed starting places, with the centre pinned at the origin. No animation: the same
 * network gives the same picture, so a shared link draws what its sender saw.
 */
import {forceCollide, forceLink, forceManyBody, forceRadial, forceSimulation} from "d3";
import type {SimulationNodeDatum} from "d3";
import {mulberry32} from "../scoring/random.js";
import {pairWeights, type EgoNetwork} from "./network.js";

export const LAYOUT_DEFAULTS = {ticks: 300, seed: 1, ringGap: 120};

interface LayoutNode extends SimulationNodeDatum {
  id: string;
  hop: number;
  radius: number;
}

/**
 * Each account's position, the centre at (0, 0); `radius` gives each account's drawn radius (for collisions).
 * Accounts start on circles, ring by ring in the order of `network.nodes`, and the simulation's few random
 * nudges come from a seeded generator.
 */
export function egoLayout(
  network: EgoNetwork,
  {
    radius = () => 5,
    ticks = LAYOUT_DEFAULTS.ticks,
    seed = LAYOUT_DEFAULTS.seed,
    ringGap = LAYOUT_DEFAULTS.ringGap
  }: {radius?: (accountId: string) => number; ticks?: number; seed?: number; ringGap?: number} = {}
): Map<string, {x: number; y: number}> {
  const ringSizes = new Map<number, number>();
  for (const node of network.nodes) ringSizes.set(node.hop, (ringSizes.get(node.hop) ?? 0) + 1);
  const placed = new Map<number, number>();
  const nodes: LayoutNode[] = network.nodes.map((node) => {
    const index = placed.get(node.hop) ?? 0;
    placed.set(node.hop, index + 1);
    const angle = (2 * Math.PI * index) / ringSizes.get(node.hop)! + node.hop;
    const start = node.hop * ringGap;
    const pinned = node.hop === 0 ? {fx: 0, fy: 0} : {};
    return {
      id: node.account_id,
      hop: node.hop,
      radius: radius(node.account_id),
      x: start * Math.cos(angle),
      y: start * Math.sin(angle),
      ...pinned
    };
  });
  const links = pairWeights(network).map((pair) => ({...pair}));
  const strongest = Math.max(1, ...links.map((link) => link.interactions));
  const simulation = forceSimulation(nodes)
    .randomSource(mulberry32(seed))
    .force(
      "link",
      forceLink<LayoutNode, (typeof links)[number]>(links)
        .id((node) => node.id)
        .distance(ringGap * 0.6)
        .strength((link) => 0.05 + 0.35 * Math.sqrt(link.interactions / strongest))
    )
    .force("charge", forceManyBody<LayoutNode>().strength(-60))
    .force(
      "collide",
      forceCollide<LayoutNode>((node) => node.radius + 2)
    )
    .force("ring", forceRadial<LayoutNode>((node) => node.hop * ringGap).strength(0.08))
    .stop();
  simulation.tick(ticks);
  return new Map(nodes.map((node) => [node.id, {x: node.x!, y: node.y!}]));
}
