/**
 * A message for the person using the notebook. Errors stay until dismissed or resolved (role="alert");
 * info notices may time out (role="status"). An action is a single button, such as Undo after a delete.
 */
export interface Notice {
  readonly id: string;
  readonly kind: 'error' | 'info';
  readonly message: string;
  readonly action?: string;
  /** Errors about storage are cleared by the next successful save, not by the user. */
  readonly dismissible: boolean;
}
