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
    `Could not ${operation}: ${plainReason(detail)}. Your work is kept in this tab — export it to a file to be safe.`,
  );
}

/**
 * Our own reasons (the store's, in lower case, such as "the browser storage is blocked by another tab")
 * are kept; the engine's ("Invalid string length", "Cannot read properties of …") mean nothing to a
 * person, so they become the plain sentence that fits, or a general one.
 */
function plainReason(detail: string): string {
  if (/invalid string length|array buffer allocation|out of memory/i.test(detail)) {
    return 'the notebook is too large for the browser to store';
  }
  if (/^(the|a notebook) [a-z0-9 ,'’-]*$/i.test(detail) && !/undefined|null|object/.test(detail)) {
    return detail;
  }
  return 'the browser storage refused it';
}

function isDomLike(value: unknown): value is { name: string } {
  return (
    typeof value === 'object' && value !== null && typeof (value as { name?: unknown }).name === 'string'
  );
}
