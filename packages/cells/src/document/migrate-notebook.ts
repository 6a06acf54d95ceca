import type { DocumentProblem } from './document-error';
import { NOTEBOOK_VERSION } from './notebook-document';

/**
 * Upgrades an older document, one version at a time. Each entry turns version n into version n+1; a new
 * format version adds one entry here and bumps NOTEBOOK_VERSION. Version 1 is current, so the table is empty.
 */
type Migration = (document: Record<string, unknown>) => Record<string, unknown>;
const migrations: Readonly<Record<number, Migration>> = {};

export function migrateNotebook(
  document: Record<string, unknown>,
): { readonly document: Record<string, unknown> } | { readonly problem: DocumentProblem } {
  const version = document.version;
  if (version === undefined) return { problem: { path: 'version', message: 'is required (current is 1)' } };
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return {
      problem: { path: 'version', message: `must be a whole number >= 1, got ${JSON.stringify(version)}` },
    };
  }
  if (version > NOTEBOOK_VERSION) {
    return {
      problem: {
        path: 'version',
        message: `this notebook was made by a newer Convbook (format version ${version}; this one reads up to ${NOTEBOOK_VERSION})`,
      },
    };
  }
  let current = document;
  for (let v = version; v < NOTEBOOK_VERSION; v++) {
    const step = migrations[v];
    if (step === undefined) {
      return { problem: { path: 'version', message: `no migration from version ${v} to ${v + 1}` } };
    }
    current = { ...step(current), version: v + 1 };
  }
  return { document: current };
}
