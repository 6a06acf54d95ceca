/**
 * What the notebook store keeps per notebook. The document is stored as its serialized JSON text, so a
 * record read back is byte-for-byte what was exported, and a damaged one can still be offered for export.
 */
export interface NotebookMeta {
  readonly id: string;
  readonly title: string;
  /** Milliseconds since the epoch. */
  readonly createdAt: number;
  readonly updatedAt: number;
  /** Counts saves; two tabs compare it to notice that the other one wrote in between. */
  readonly revision: number;
}

export interface SavedNotebook extends NotebookMeta {
  /** The serialized notebook document (`serializeNotebook` output). */
  readonly document: string;
}

/** One row of the notebook list: a readable notebook, or one whose record could not be trusted. */
export type NotebookListEntry =
  | { readonly status: 'ok'; readonly meta: NotebookMeta }
  | {
      readonly status: 'damaged';
      readonly id: string;
      readonly title: string;
      readonly updatedAt: number;
      readonly reason: string;
    };

/** The outcome of opening one notebook. */
export type LoadResult =
  | { readonly status: 'ok'; readonly record: SavedNotebook }
  | { readonly status: 'damaged'; readonly id: string; readonly reason: string }
  | { readonly status: 'missing'; readonly id: string };

/** The outcome of a save: written, or refused because someone else saved a newer revision first. */
export type SaveResult =
  | { readonly status: 'saved'; readonly meta: NotebookMeta }
  | { readonly status: 'conflict'; readonly storedRevision: number };

/** Narrows an untrusted stored value to notebook metadata. */
export function isNotebookMeta(value: unknown): value is NotebookMeta {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.id === 'string' &&
    typeof v.title === 'string' &&
    Number.isFinite(v.createdAt) &&
    Number.isFinite(v.updatedAt) &&
    Number.isInteger(v.revision)
  );
}

/** Narrows an untrusted stored value to a full record. */
export function isSavedNotebook(value: unknown): value is SavedNotebook {
  return isNotebookMeta(value) && typeof (value as { document?: unknown }).document === 'string';
}
