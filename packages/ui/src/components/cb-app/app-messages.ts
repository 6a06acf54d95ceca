/** A message in the app's message area: errors go to role="alert", notices to role="status". */
export interface AppMessage {
  readonly id: number;
  readonly kind: 'error' | 'info';
  readonly text: string;
  /** Validation problems (path: message), listed under the text. */
  readonly problems?: readonly string[];
}

let nextId = 1;

export function appMessage(kind: AppMessage['kind'], text: string, problems?: readonly string[]): AppMessage {
  return { id: nextId++, kind, text, ...(problems && problems.length > 0 ? { problems } : {}) };
}
