import type { CellState, NotebookDocument } from '@convbook/cells';
import { filter, firstValueFrom } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { LoadError } from '../worker/compute-client';
import { serveNotebook } from '../worker/notebook-server';
import type { MessageEndpoint } from '../worker/protocol';
import { PageNotebook } from './page-notebook';

/**
 * The page and the worker joined by a real MessageChannel (structured clone and transfer included);
 * `through` may wrap the page's end, to watch or break what crosses it.
 */
function connect(through: (page: MessageEndpoint) => MessageEndpoint = (page) => page): {
  remote: PageNotebook;
  stop: () => void;
} {
  const channel = new MessageChannel();
  channel.port1.start();
  channel.port2.start();
  const stopServer = serveNotebook(channel.port2 as unknown as MessageEndpoint);
  const remote = new PageNotebook(through(channel.port1 as unknown as MessageEndpoint));
  return {
    remote,
    stop: () => {
      remote.dispose();
      stopServer();
      channel.port1.close();
      channel.port2.close();
    },
  };
}

const doc: NotebookDocument = {
  format: 'convbook',
  version: 1,
  title: 'Bridge test',
  cells: [
    {
      id: 'm',
      kind: 'image',
      params: {
        values: [
          [1, 2],
          [3, 4],
        ],
      },
    },
    { id: 'k', kind: 'kernel', params: { values: [[1]] } },
    { id: 'c', kind: 'conv', inputs: { input: 'm', kernel: 'k' } },
  ],
};

const okState = (remote: PageNotebook, id: string, predicate: (s: CellState) => boolean = () => true) =>
  firstValueFrom(remote.state$(id).pipe(filter((s) => s.status === 'ok' && predicate(s))));

const tensorData = (state: CellState): number[] =>
  state.status === 'ok' && state.value.type === 'tensor' ? [...state.value.tensor.data] : [];

let stop: (() => void) | undefined;
afterEach(() => stop?.());

describe('PageNotebook over a message channel', () => {
  it('mirrors computed tensors as real Tensors and recomputes after an edit', async () => {
    const connection = connect();
    stop = connection.stop;
    const { remote } = connection;
    await remote.load(doc);
    expect(tensorData(await okState(remote, 'c'))).toEqual([1, 2, 3, 4]);
    remote.setParams('k', { values: [[2]] });
    const after = await okState(remote, 'c', (s) => tensorData(s)[0] === 2);
    expect(tensorData(after)).toEqual([2, 4, 6, 8]);
    expect(after.status === 'ok' && after.value.type === 'tensor' && after.value.tensor.shape).toEqual([
      1, 2, 2,
    ]);
  });

  it('rejects an invalid document with every problem and keeps the loaded one', async () => {
    const connection = connect();
    stop = connection.stop;
    const { remote } = connection;
    await remote.load(doc);
    const failure = await remote
      .load({ format: 'convbook', version: 1, title: 'x', cells: [{ id: 'a', kind: 'nope' }] })
      .catch((e) => e);
    expect(failure).toBeInstanceOf(LoadError);
    expect((failure as LoadError).problems[0]?.path).toBe('cells[0].kind');
    expect(remote.document?.title).toBe('Bridge test');
  });

  it('lands on the last of a burst of edits', async () => {
    const connection = connect();
    stop = connection.stop;
    const { remote } = connection;
    await remote.load(doc);
    for (let w = 1; w <= 50; w++) remote.setParams('k', { values: [[w]] });
    await remote.whenIdle();
    const final = await okState(remote, 'c', (s) => tensorData(s)[0] === 50);
    expect(tensorData(final)).toEqual([50, 100, 150, 200]);
    const document = await firstValueFrom(
      remote.document$.pipe(
        filter(
          (d) =>
            d?.cells[1]?.params?.values !== undefined &&
            JSON.stringify(d.cells[1].params.values) === '[[50]]',
        ),
      ),
    );
    expect(document?.cells[1]?.params).toEqual({ values: [[50]] });
  });

  it('publishes an edited document that keeps the objects of the cells the edit did not touch', async () => {
    const connection = connect();
    stop = connection.stop;
    const { remote } = connection;
    await remote.load(doc);
    await remote.whenIdle();
    const before = remote.document;
    remote.setParams('k', { values: [[3]] });
    const after = await firstValueFrom(
      remote.document$.pipe(filter((d) => JSON.stringify(d?.cells[1]?.params) === '{"values":[[3]]}')),
    );
    expect(after?.cells[0]).toBe(before?.cells[0]);
    expect(after?.cells[2]).toBe(before?.cells[2]);
    expect(after?.cells[1]).not.toBe(before?.cells[1]);
  });
});

describe('PageNotebook owns the document', () => {
  it('applies an edit on the page and tells saving and undo in the same task', async () => {
    const connection = connect();
    stop = connection.stop;
    const { remote } = connection;
    await remote.load(doc);
    const heard: string[] = [];
    remote.edits$.subscribe(({ edit, origin, after }) => heard.push(`${edit.op} ${origin} ${after.title}`));
    remote.setTitle('Renamed');
    // Synchronously: no worker round trip between the edit and the document or the save.
    expect(remote.document?.title).toBe('Renamed');
    expect(heard).toEqual(['setTitle user Renamed']);
    const before = remote.document;
    remote.setParams('k', { values: [[2]] });
    expect(remote.document?.cells[0]).toBe(before?.cells[0]); // untouched cells keep their objects
    expect(tensorData(await okState(remote, 'c', (s) => tensorData(s)[0] === 2))).toEqual([2, 4, 6, 8]);
  });

  it('posts the edit to the worker before saving hears it, and saving hears it even if posting throws', async () => {
    const order: string[] = [];
    let failPosting = false;
    const connection = connect((page) => ({
      postMessage: (message, transfer) => {
        const { type } = message as { type: string };
        if (type === 'edit') order.push('posted');
        if (type === 'edit' && failPosting) throw new DOMException('could not be cloned', 'DataCloneError');
        page.postMessage(message, transfer);
      },
      addEventListener: (type, listener) => page.addEventListener(type, listener),
      removeEventListener: (type, listener) => page.removeEventListener(type, listener),
    }));
    stop = connection.stop;
    const { remote } = connection;
    await remote.load(doc);
    remote.edits$.subscribe(({ after }) => order.push(`saved ${after.title}`));
    remote.setTitle('First');
    failPosting = true;
    expect(() => remote.setTitle('Second')).toThrow('could not be cloned');
    expect(order).toEqual(['posted', 'saved First', 'posted', 'saved Second']);
    expect(remote.document?.title).toBe('Second');
  });

  it('refuses a bad edit in words naming the cell, and changes nothing', async () => {
    const connection = connect();
    stop = connection.stop;
    const { remote } = connection;
    await remote.load(doc);
    const errors: string[] = [];
    remote.editErrors$.subscribe((text) => errors.push(text));
    const before = remote.document;
    remote.removeCell('nope');
    remote.addCell({ id: 'k', kind: 'kernel', params: { preset: 'sobel-x' } });
    expect(remote.document).toBe(before);
    expect(errors).toEqual([
      'cells: removeCell: there is no cell "nope" in this notebook',
      'cells[3].id: duplicate id "k"',
    ]);
  });
});

describe('the worker protocol', () => {
  it('carries edits to the worker and only state batches back — never the document', async () => {
    const toWorker: string[] = [];
    const fromWorker: string[] = [];
    const connection = connect((page) => ({
      postMessage: (message, transfer) => {
        toWorker.push((message as { type: string }).type);
        page.postMessage(message, transfer);
      },
      addEventListener: (type, listener) =>
        page.addEventListener(type, (event) => {
          fromWorker.push((event.data as { type: string }).type);
          listener(event);
        }),
      removeEventListener: () => {},
    }));
    stop = connection.stop;
    const { remote } = connection;
    await remote.load(doc);
    await remote.whenIdle();
    remote.setParams('k', { values: [[3]] });
    remote.setTitle('Only on the page and in the worker');
    await okState(remote, 'c', (s) => tensorData(s)[0] === 3);
    await remote.whenIdle();
    expect(toWorker.filter((t) => t !== 'when-idle')).toEqual(['load', 'edit', 'edit']);
    expect(new Set(fromWorker)).toEqual(new Set(['kinds', 'loaded', 'computing', 'states', 'idle']));
  });
});
