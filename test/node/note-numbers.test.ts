import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type ExampleValues, examplesDir, runExample } from './example-values';
import { lectureClaims } from './lecture-note-claims';
import { digitsClaims, lenet5Claims } from './lenet5-note-claims';
import { networkClaims } from './network-note-claims';
import type { Claim } from './note-claims';
import { learnClaims, paddingClaims, rgbClaims, shiftClaims, signalClaims } from './topic-note-claims';

// Issue 12: "every number quoted in a note's text equals the cell value it refers to". Each example's
// notes are listed as claims (lecture-note-claims.ts, topic-note-claims.ts): an exact phrase of the note
// and a check of that phrase against the cells' values or a formula. A second test strips every claimed
// phrase from every note and fails if any digit is left — so a number added to a note without a check fails.

/** Running digits.json trains its network for up to a minute; its claims read the document only. */
const documentOnly = new Set(['digits']);

const refuse = async (): Promise<never> => {
  throw new Error('a claim about a document-only example read computed values');
};
const noValues: ExampleValues = {
  json: refuse,
  tensor: refuse,
  plane: refuse,
  stats: refuse,
  figures: refuse,
  note: refuse,
};

const claimsByExample: Record<string, Claim[]> = {
  lecture: [...lectureClaims, ...networkClaims],
  digits: digitsClaims,
  lenet5: lenet5Claims,
  'learn-a-kernel': learnClaims,
  'pooling-invariance': shiftClaims,
  'padding-stride-dilation': paddingClaims,
  'rgb-3d-kernels': rgbClaims,
  'signal-peaks': signalClaims,
  'sobel-edges': [],
};

async function notesOf(name: string): Promise<Map<string, string>> {
  const document = JSON.parse(await readFile(join(examplesDir, `${name}.json`), 'utf8')) as {
    cells: { id: string; kind: string; params?: { markdown?: string } }[];
  };
  return new Map(
    document.cells.filter((c) => c.kind === 'note').map((c) => [c.id, c.params?.markdown ?? '']),
  );
}

describe.each(Object.entries(claimsByExample))('the numbers in %s’s notes', (name, claims) => {
  let values: ExampleValues;
  let notes: Map<string, string>;
  beforeAll(async () => {
    [values, notes] = await Promise.all([
      documentOnly.has(name) ? noValues : runExample(name),
      notesOf(name),
    ]);
  }, 60_000);

  it('are each quoted exactly and equal what the cells compute', async () => {
    for (const claim of claims) {
      expect(notes.get(claim.note), `${name}: note ${claim.note}`).toContain(claim.text);
      if (typeof claim.check !== 'string') await claim.check(values);
    }
  });

  it('are all claimed: no digit is left in a note once the claimed phrases are removed', () => {
    for (const [id, markdown] of notes) {
      const mine = claims.filter((c) => c.note === id);
      const rest = [...mine.filter((c) => !c.everywhere), ...mine.filter((c) => c.everywhere)].reduce(
        (text, c) => (c.everywhere ? text.replaceAll(c.text, '') : text.replace(c.text, '')),
        markdown,
      );
      expect(rest.match(/.{0,30}\d.{0,30}/g) ?? [], `${name}: unclaimed numbers in note ${id}`).toEqual([]);
    }
  });
});
