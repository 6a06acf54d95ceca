import type { Worker } from 'playwright-core';

/**
 * Makes the notebook worker stick for `ms` as soon as it names `cellId` as the cell it starts computing
 * (a runaway synchronous compute). Injected through DevTools, so the app has no switch for it.
 */
export async function stickInCell(worker: Worker, cellId: string, ms: number): Promise<void> {
  await worker.evaluate(
    ([id, duration]) => {
      const scope = self as unknown as { postMessage: (message: unknown, transfer?: Transferable[]) => void };
      const post = scope.postMessage.bind(scope);
      scope.postMessage = (message, transfer) => {
        post(message, transfer ?? []);
        const sent = message as { type?: string; id?: string } | undefined;
        if (sent?.type === 'computing' && sent.id === id) {
          const start = Date.now();
          while (Date.now() - start < duration) {}
        }
      };
    },
    [cellId, ms] as const,
  );
}
