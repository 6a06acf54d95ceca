import { describe, expect, it } from 'vitest';
import { type BandQueue, newBandCounter, takeBands } from './band-queue';
import type { ConvJob, ConvJobResult } from './conv-job';

// The worker side of the queue, in one thread: which bands a taker computes, in what order, and when it
// stops. (conv2d-parallel.band-queue.test.ts runs it on real workers.)

const bandJob = (index: number) => ({ index }) as unknown as ConvJob;
const written: ConvJobResult = { status: 'written', shape: [] };
const queueOf = (bands: number): BandQueue => ({
  next: newBandCounter(),
  bands: Array.from({ length: bands }, (_, index) => bandJob(index)),
});
const indexOf = (job: ConvJob) => (job as unknown as { index: number }).index;

describe('takeBands', () => {
  it('takes every band in order when no one else takes any, and the next taker finds none', () => {
    const queue = queueOf(5);
    const computed: number[] = [];
    const first = takeBands(queue, (job) => {
      computed.push(indexOf(job));
      return written;
    });
    expect(first).toEqual({ status: 'taken', bands: [0, 1, 2, 3, 4] });
    expect(computed).toEqual([0, 1, 2, 3, 4]);
    expect(takeBands(queue, () => written)).toEqual({ status: 'taken', bands: [] });
  });

  it('never computes a band another taker took while it was computing', () => {
    // While the first taker computes each band, a second takes one: they alternate, none twice.
    const queue = queueOf(7);
    const byFirst: number[] = [];
    const bySecond: number[] = [];
    const first = takeBands(queue, (job) => {
      byFirst.push(indexOf(job));
      const index = Atomics.add(queue.next, 0, 1);
      const band = queue.bands[index];
      if (band !== undefined) bySecond.push(indexOf(band));
      return written;
    });
    expect(byFirst).toEqual([0, 2, 4, 6]);
    expect(bySecond).toEqual([1, 3, 5]);
    expect(first).toEqual({ status: 'taken', bands: [0, 2, 4, 6] });
  });

  it('stops at the first ShapeError and replies with it', () => {
    const queue = queueOf(4);
    const computed: number[] = [];
    const result = takeBands(queue, (job) => {
      computed.push(indexOf(job));
      return indexOf(job) === 1 ? { status: 'shape-error', op: 'conv2d', detail: 'bad' } : written;
    });
    expect(result).toEqual({ status: 'shape-error', op: 'conv2d', detail: 'bad' });
    expect(computed).toEqual([0, 1]);
  });
});
