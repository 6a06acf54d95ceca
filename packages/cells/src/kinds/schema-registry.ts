import { compareSchema } from './compare-schema';
import { convSchema } from './conv-schema';
import { denseSchema } from './dense-schema';
import { digitsSchema } from './digits/digits-schema';
import { drawnDigitSchema } from './digits/drawn-digit-schema';
import { flattenSchema } from './flatten-schema';
import { gradSchema } from './grad-schema';
import { imageSchema } from './image-schema';
import { kernelSchema } from './kernel-schema';
import type { CellKindSchema } from './kind-schema';
import { lossSchema } from './loss-schema';
import { noteSchema } from './note-schema';
import { peaksSchema } from './peaks-schema';
import { poolSchema } from './pool-schema';
import { shiftSchema } from './shift-schema';
import { softmaxSchema } from './softmax-schema';
import { statsSchema } from './stats-schema';
import { trainSchema } from './train/train-schema';
import { weightsSchema } from './weights-schema';

/**
 * Every cell kind, described, in the order the UI offers them: the one list of kinds. To add a kind, write
 * its schema (`defineKindSchema`) and add it here, then give it a compute (`withCompute`) in registry.ts —
 * the compiler asks for it there. The parser, the editors and the wiring read the schemas; the runtime
 * and the runner read the full kinds built from them.
 */
export const cellKindSchemas = [
  imageSchema,
  kernelSchema,
  convSchema,
  poolSchema,
  lossSchema,
  gradSchema,
  statsSchema,
  peaksSchema,
  shiftSchema,
  compareSchema,
  digitsSchema,
  drawnDigitSchema,
  weightsSchema,
  flattenSchema,
  denseSchema,
  softmaxSchema,
  trainSchema,
  noteSchema,
] as const satisfies readonly CellKindSchema[];

/** The name of a registered kind ('conv', 'pool', …). */
export type KindName = (typeof cellKindSchemas)[number]['kind'];

const byName = new Map<string, CellKindSchema>(cellKindSchemas.map((schema) => [schema.kind, schema]));

export function findKindSchema(kind: string): CellKindSchema | undefined {
  return byName.get(kind);
}

export function cellKindNames(): readonly string[] {
  return cellKindSchemas.map((schema) => schema.kind);
}
