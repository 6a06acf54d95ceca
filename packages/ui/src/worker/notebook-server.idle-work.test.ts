import { type CellValue, defineCellKind, findCellKind, type NotebookDocument } from '@convbook/cells';
import { Tensor } from '@convbook/core';
import { describe, expect, it } from 'vitest';
import { serveNotebook } from './notebook-server';
import type { MessageEndpoint } from './protocol';

const doc: NotebookDocument = {
  format: 'convbook',
  version: 1,
  title: 'Idle work',
  cells: [{ id: 'm', kind: 'image', params: { values: [[1, 2]] } }],
};

const until = async (done: () => boolean): Promise<void> => {
  for (let i = 0; i < 200 && !done(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
};

describe('serveNotebook idle work', () => {
  it('runs one step per task after a pass until the work is done, and stops while an edit waits', async () => {
    const channel = new MessageChannel();
    channel.port1.start();
    channel.port2.start();
    let steps = 0;
    let left = 3;
    const stop = serveNotebook(channel.port2 as unknown as MessageEndpoint, {
      idleWork: () => {
        steps++;
        return left-- > 0;
      },
    });
    channel.port1.postMessage({ type: 'load', requestId: 1, document: doc });
    await until(() => steps === 4);
    expect(steps).toBe(4); // three steps that did something, one that found nothing left
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(steps).toBe(4);

    // A burst of edits: idle work waits until they are applied and their pass has settled.
    left = 100;
    steps = 0;
    for (const value of [3, 4, 5]) {
      channel.port1.postMessage({
        type: 'edit',
        edit: { op: 'setParams', id: 'm', patch: { values: [[value, 2]] } },
      });
    }
    await until(() => steps > 0);
    expect(steps).toBeGreaterThan(0);
    left = 0;
    stop();
    channel.port1.close();
    channel.port2.close();
  });

  it('does no idle work while a cell computes asynchronously, and resumes once it has settled', async () => {
    let release: (() => void) | undefined;
    const releaseSlow = (): void => {
      const waiting = release;
      release = undefined;
      waiting?.();
    };
    // The document's pool cell, computed by a kind that answers only when released.
    const slow = defineCellKind({
      kind: 'pool',
      label: 'slow copy',
      description: 'Its input, later (test only).',
      inputs: { input: 'tensor' },
      params: {},
      output: 'tensor',
      compute: ({ input }) =>
        new Promise<CellValue>((resolve) => {
          release = () =>
            resolve({ type: 'tensor', tensor: new Tensor(input.tensor.shape, input.tensor.data) });
        }),
    });
    const channel = new MessageChannel();
    channel.port1.start();
    channel.port2.start();
    let steps = 0;
    const stop = serveNotebook(channel.port2 as unknown as MessageEndpoint, {
      findKind: (kind) => (kind === 'pool' ? slow : findCellKind(kind)),
      idleWork: () => {
        steps++;
        return true; // always more to do, as readying storage for many sizes
      },
    });
    const slowDoc = { ...doc, cells: [...doc.cells, { id: 's', kind: 'pool', inputs: { input: 'm' } }] };
    channel.port1.postMessage({ type: 'load', requestId: 1, document: slowDoc });
    await until(() => release !== undefined);
    // The load's own compute is pending: nothing ran, however long it waits.
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(steps).toBe(0);
    releaseSlow();
    await until(() => steps > 3);
    expect(steps).toBeGreaterThan(3);

    // An edit starts the slow compute again: the steps stop while it is pending.
    channel.port1.postMessage({
      type: 'edit',
      edit: { op: 'setParams', id: 'm', patch: { values: [[7, 2]] } },
    });
    await until(() => release !== undefined);
    await new Promise((resolve) => setTimeout(resolve, 10));
    const during = steps;
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(steps).toBe(during);
    releaseSlow();
    await until(() => steps > during + 3);
    expect(steps).toBeGreaterThan(during + 3);
    stop();
    channel.port1.close();
    channel.port2.close();
  });
});
