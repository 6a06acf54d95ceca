import { afterAll, beforeAll } from 'vitest';
import { type AppSession, openApp, startSession } from './browser';

interface SessionSetup {
  /** Runs on the blank page before the app opens: init scripts, injected faults, DevTools overrides. */
  readonly prepare?: (session: AppSession) => Promise<void>;
  /** Whether to open the app and wait for it to settle; off for suites that open their own pages. */
  readonly open?: boolean;
  /** Serve the app with the cross-origin isolation headers (COOP/COEP), as `vite preview` does. */
  readonly isolated?: boolean;
}

/**
 * One browser session for the enclosing `describe`: started (and the app opened) in `beforeAll`, closed in
 * `afterAll`. The handle reads the session lazily, because the hooks have not run yet when it is returned;
 * touch it inside tests only.
 */
export function useAppSession({ prepare, open = true, isolated = false }: SessionSetup = {}): AppSession {
  let current: AppSession | undefined;
  beforeAll(async () => {
    current = await startSession({ isolated });
    await prepare?.(current);
    if (open) await openApp(current.page);
  });
  afterAll(async () => {
    await current?.close();
  });

  const started = (): AppSession => {
    if (!current) throw new Error('useAppSession: the session starts in beforeAll; read it inside a test');
    return current;
  };
  return {
    get server() {
      return started().server;
    },
    get context() {
      return started().context;
    },
    get page() {
      return started().page;
    },
    get pageErrors() {
      return started().pageErrors;
    },
    close: () => started().close(),
  };
}
