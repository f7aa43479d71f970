/**
 * Handles and display names that look real but are generated: given and family names assembled from
 * syllables, a handle derived from them with a seeded style (initials, underscores, digits). Nothing here
 * is a real person's name except by coincidence.
 */
import {integerBelow, type Rng} from "./sampling.js";

const ONSETS = [
  "b",
  "d",
  "f",
  "g",
  "h",
  "j",
  "k",
  "l",
  "m",
  "n",
  "p",
  "r",
  "s",
  "t",
  "v",
  "z",
  "ch",
  "sh",
  "th",
  "br",
  "kl",
  "st"
];
const VOWELS = ["a", "e", "i", "o", "u", "ai", "ea", "io", "ou"];
const CODAS = ["", "", "", "n", "r", "s", "l", "m", "x", "nd", "rt"];
const SUFFIXES = ["", "", "a", "o", "ie", "en", "son", "ez", "ova", "ini"];
const ORGANISATIONS = ["news", "lab", "daily", "hub", "studio", "club", "times", "works"];

const pick = <T>(random: Rng, items: readonly T[]): T => items[integerBelow(random, items.length)]!;
const capital = (word: string) => word[0]!.toUpperCase() + word.slice(1);

function word(random: Rng, syllables: number): string {
  let text = "";
  for (let i = 0; i < syllables; i++) text += pick(random, ONSETS) + pick(random, VOWELS);
  return text + pick(random, CODAS) + pick(random, SUFFIXES);
}

export interface GeneratedName {
  handle: string;
  displayName: string;
}

/**
 * A person-like (or, one time in twelve, an organisation-like) name and a handle not in `taken` (then added
 * to it): a taken handle gets the caller's unique `serial` as a suffix.
 */
export function generateName(random: Rng, serial: number, taken: Set<string>): GeneratedName {
  const given = word(random, 1 + integerBelow(random, 2));
  const family = word(random, 1 + integerBelow(random, 2));
  const organisation = random() < 1 / 12;
  const displayName = organisation
    ? `${capital(family)} ${capital(pick(random, ORGANISATIONS))}`
    : `${capital(given)} ${capital(family)}`;
  const style = integerBelow(random, 4);
  let handle = organisation
    ? `${family}${pick(random, ORGANISATIONS)}`
    : style === 0
      ? `${given}${family}`
      : style === 1
        ? `${given}_${family}`
        : style === 2
          ? `${given[0]}${family}`
          : `${given}${integerBelow(random, 100)}`;
  handle = handle.slice(0, 15);
  const base = handle.slice(0, 10);
  for (let k = 0; taken.has(handle); k++) handle = k === 0 ? `${base}${serial}` : `${base}${serial}_${k}`;
  taken.add(handle);
  return {handle, displayName};
}
