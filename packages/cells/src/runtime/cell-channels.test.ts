import { take } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { CellChannels } from './cell-channels';
import type { CellState } from './cell-state';

const pending = (version: number): CellState => ({ status: 'pending', version });

/** The scheduler's side, played by a plain map: the states as last published. */
const published = new Map<string, CellState>();
const makeChannels = () => {
  published.clear();
  return new CellChannels((id) => published.get(id));
};

/** One scheduler pass in which the listed cells changed: to the state given, or removed (undefined). */
function publishPass(channels: CellChannels, ...changes: [string, CellState | undefined][]): void {
  for (const [id, state] of changes) {
    if (state === undefined) published.delete(id);
    else published.set(id, state);
  }
  channels.publish(
    changes.map(([id]) => id),
    published,
  );
}

describe('CellChannels', () => {
  it('replays the last published state, then delivers only new state objects of that cell', () => {
    const channels = makeChannels();
    const a1 = pending(1);
    const b1 = pending(1);
    publishPass(channels, ['a', a1], ['b', b1]);
    const seen: CellState[] = [];
    channels.watch('a').subscribe((state) => seen.push(state));
    const a2 = pending(2);
    publishPass(channels, ['a', a1], ['b', pending(2)]); // only b changed
    publishPass(channels, ['a', a2], ['b', b1]);
    publishPass(channels, ['a', a2], ['b', b1]); // nothing changed
    expect(seen).toEqual([a1, a2]);
    expect(seen[1]).toBe(a2);
  });

  it('waits for a cell that has not been published yet', () => {
    const channels = makeChannels();
    const seen: number[] = [];
    channels.watch('later').subscribe((state) => seen.push(state.version));
    publishPass(channels, ['other', pending(1)]);
    expect(seen).toEqual([]);
    publishPass(channels, ['later', pending(3)]);
    expect(seen).toEqual([3]);
  });

  it('is silent while a cell is missing and resumes when a cell with that id comes back', () => {
    const channels = makeChannels();
    publishPass(channels, ['a', pending(1)]);
    const seen: number[] = [];
    channels.watch('a').subscribe((state) => seen.push(state.version));
    publishPass(channels, ['a', undefined]);
    const late: number[] = [];
    channels.watch('a').subscribe((state) => late.push(state.version));
    expect(late).toEqual([]);
    publishPass(channels, ['a', pending(0)]);
    expect(seen).toEqual([1, 0]);
    expect(late).toEqual([0]);
  });

  it('keeps a channel only while it has subscribers', () => {
    const channels = makeChannels();
    publishPass(channels, ['a', pending(1)]);
    expect(channels.sizes).toEqual({ subscriptions: 0, channels: 0 });
    const first = channels.watch('a').subscribe();
    const second = channels.watch('a').subscribe();
    const other = channels.watch('b').subscribe();
    expect(channels.sizes).toEqual({ subscriptions: 3, channels: 2 });
    first.unsubscribe();
    first.unsubscribe(); // a second unsubscribe changes nothing
    other.unsubscribe();
    expect(channels.sizes).toEqual({ subscriptions: 1, channels: 1 });
    second.unsubscribe();
    channels.watch('a').pipe(take(1)).subscribe(); // ends inside its own replay
    expect(channels.sizes).toEqual({ subscriptions: 0, channels: 0 });
  });

  it('hands a subscriber that joins during a delivery the new state once', () => {
    const channels = makeChannels();
    publishPass(channels, ['a', pending(1)], ['b', pending(1)]);
    const late: string[] = [];
    channels.watch('a').subscribe((state) => {
      if (state.version !== 2) return;
      for (const id of ['a', 'b']) channels.watch(id).subscribe((s) => late.push(`${id}${s.version}`));
    });
    publishPass(channels, ['a', pending(2)], ['b', pending(2)]);
    expect(late).toEqual(['a2', 'b2']);
    publishPass(channels, ['a', pending(3)], ['b', pending(3)]);
    expect(late).toEqual(['a2', 'b2', 'a3', 'b3']);
  });

  it('does not deliver to a subscriber that another one unsubscribed during the same delivery', () => {
    const channels = makeChannels();
    publishPass(channels, ['a', pending(1)]);
    const seen: string[] = [];
    channels.watch('a').subscribe((s) => {
      seen.push(`first${s.version}`);
      if (s.version === 2) second.unsubscribe();
    });
    const second = channels.watch('a').subscribe((s) => seen.push(`second${s.version}`));
    publishPass(channels, ['a', pending(2)]);
    expect(seen).toEqual(['first1', 'second1', 'first2']);
  });

  it('completes every subscriber on close, and completes later ones at once', () => {
    const channels = makeChannels();
    publishPass(channels, ['a', pending(1)]);
    const events: string[] = [];
    for (const id of ['a', 'a', 'b']) {
      channels
        .watch(id)
        .subscribe({ next: () => events.push(`next ${id}`), complete: () => events.push(`end ${id}`) });
    }
    channels.close();
    publishPass(channels, ['a', pending(2)]);
    channels
      .watch('a')
      .subscribe({ next: () => events.push('next late'), complete: () => events.push('end late') });
    expect(events).toEqual(['next a', 'next a', 'end a', 'end a', 'end b', 'end late']);
    expect(channels.sizes).toEqual({ subscriptions: 0, channels: 0 });
  });
});
