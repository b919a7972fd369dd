// Synthetic regulator bulletins written to a temp folder: many files, each generation distinguishable in text and answers.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const BULLETINS = 300;

/** The generation a bulletin belongs to, read back from its title ("Harbour bulletin 17, round 3"). */
export const generationOfTitle = (title: string): number | undefined => {
  const match = /round (\d+)$/.exec(title);
  return match ? Number(match[1]) : undefined;
};

const WORDS = (
  'harbour quay berth vessel cargo ballast crew pilot tide channel dredging licence notice penalty tribunal inspector ' +
  'register filing audit hazard spill container crane tug mooring anchorage beacon survey hull engine fuel emission ' +
  'warehouse customs manifest tonnage draught lock sluice marina ferry terminal gantry bollard fender wharf jetty'
).split(' ');

/** Deterministic words for one bulletin, so every file differs (no near-duplicate collapsing) and reruns match. */
function filler(seed: number, count: number): string {
  let state = seed * 2654435761 >>> 0;
  const next = () => ((state = (state * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  const words = Array.from({ length: count }, () => WORDS[Math.floor(next() * WORDS.length)]!);
  return `${words.join(' ')}.`.replace(/^./, (c) => c.toUpperCase());
}

/** One bulletin: a headline naming its round, facts specific to the operator and round, and distinct filler paragraphs. */
export function bulletin(index: number, round: number): string {
  const amount = 1000 + index * 7 + round;
  const paragraphs = [
    `Harbour bulletin ${index}, round ${round}`,
    `The Harbour Authority can fine operator ${index} up to £${amount} thousand for late safety filings, according to round ${round} of its register.`,
    `Operator ${index} must publish a compliance report within ${20 + (index % 9)} days of a notice, and the Authority may suspend its berth licence if it does not.`,
    ...Array.from({ length: 6 }, (_, p) => `Inspection log ${p + 1} for operator ${index} in round ${round}: ${filler(index * 1000 + round * 10 + p, 70)}`),
  ];
  return `${paragraphs.join('\n\n')}\n`;
}

/** Writes `count` bulletins of `round` into `dir` (file names are stable, so a new round replaces every document). */
export async function writeBulletins(dir: string, round: number, count = BULLETINS): Promise<void> {
  await mkdir(dir, { recursive: true });
  await Promise.all(Array.from({ length: count }, (_, i) => writeFile(join(dir, `bulletin-${String(i).padStart(3, '0')}.txt`), bulletin(i, round))));
}
