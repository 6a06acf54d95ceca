/**
 * Why the browser refused to keep a notebook. `message` is written for the person using the notebook: it
 * says what happened and that their work is still here, so the app can show it as is.
 */
export class StorageError extends Error {
  override readonly name = 'StorageError';
  constructor(
    /** What we were doing: 'save', 'load', 'list', 'delete'. */
    readonly operation: string,
    readonly reason: 'quota' | 'unavailable' | 'timeout' | 'other',
    message: string,
  ) {
    super(message);
  }
}

/** Turns whatever IndexedDB threw into a StorageError whose message a person can act on. */
export function describeStorageFailure(operation: string, failure: unknown): StorageError {
  if (failure instanceof StorageError) return failure;
  const name = failure instanceof Error || isDomLike(failure) ? failure.name : '';
  const detail = failure instanceof Error ? failure.message : String(failure);
  if (name === 'QuotaExceededError' || /quota/i.test(detail)) {
    return new StorageError(
      operation,
      'quota',
      `Could not ${operation}: the browser storage for this site is full. Your work is kept in this tab — export it to a file to be safe.`,
    );
  }
  if (
    name === 'InvalidStateError' ||
    name === 'SecurityError' ||
    name === 'UnknownError' ||
    /indexeddb|not defined|not available/i.test(detail)
  ) {
    return new StorageError(
      operation,
      'unavailable',
      'Notebooks cannot be saved: this browser does not allow storage here (private mode or blocked storage). Your work is kept in this tab — export it to a file to be safe.',
    );
  }
  return new StorageError(
    operation,
    'other',
    `Could not ${operation}: ${detail}. Your work is kept in this tab — export it to a file to be safe.`,
  );
}

function isDomLike(value: unknown): value is { name: string } {
  return (
    typeof value === 'object' && value !== null && typeof (value as { name?: unknown }).name === 'string'
  );
}
