/** How a notice speaks: errors are announced at once (role="alert"), info politely (role="status"). */
export type NoticeSeverity = 'error' | 'info';

/** One button on a notice, such as “Undo” after a delete or “Compute anyway” for held-back cells. */
export interface NoticeAction {
  readonly label: string;
  readonly run: () => void | Promise<void>;
}

/**
 * A message for the person using the notebook. Every part of the page that has something to say (the
 * app shell, saving and the notebook list, the worker) puts it on the one NoticeBoard as one of these.
 */
export interface Notice {
  /** Showing a notice with the id of one on screen replaces it, so a repeated problem is shown once. */
  readonly id: string;
  readonly severity: NoticeSeverity;
  readonly text: string;
  /** Lines listed under the text, such as each problem of a notebook that cannot be opened. */
  readonly details?: readonly string[];
  readonly actions?: readonly NoticeAction[];
  /**
   * False for a notice only its cause can clear: storage trouble stays until a save succeeds, held-back
   * cells until they are computed.
   */
  readonly dismissible: boolean;
}
