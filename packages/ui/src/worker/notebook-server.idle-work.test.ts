import type { NotebookDocument } from '@convbook/cells';
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
});
