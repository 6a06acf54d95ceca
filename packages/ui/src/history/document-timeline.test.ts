import { describe, expect, it } from 'vitest';
import { DocumentTimeline } from './document-timeline';

interface Doc {
  title: string;
  cells: { id: string; params: Record<string, number> }[];
}
const doc = (w: number, b = 0): Doc => ({ title: 'T', cells: [{ id: 'k', params: { w, b } }] });

describe('DocumentTimeline', () => {
  it('tells an edit from the echo of an equal document', () => {
    const timeline = new DocumentTimeline(doc(0), JSON.stringify);
    expect(timeline.observe(structuredClone(doc(0)))).toBe(false);
    expect(timeline.observe(doc(1))).toBe(true);
    expect(timeline.observe(doc(1))).toBe(false);
  });

  it('coalesces tweaks of one parameter and splits tweaks of another', () => {
    const timeline = new DocumentTimeline(doc(0), JSON.stringify);
    timeline.observe(doc(1), 0);
    timeline.observe(doc(2), 100);
    timeline.observe(doc(2, 5), 200);
    expect(timeline.undo()).toEqual(doc(2));
    expect(timeline.undo()).toEqual(doc(0));
  });

  it('does not record the echo of an undo, and redoes after it', () => {
    const timeline = new DocumentTimeline(doc(0), JSON.stringify);
    timeline.observe(doc(1));
    const back = timeline.undo();
    expect(back).toEqual(doc(0));
    expect(timeline.observe(structuredClone(doc(0)))).toBe(false);
    expect(timeline.canRedo).toBe(true);
    expect(timeline.redo()).toEqual(doc(1));
  });

  it('starts over on reset, treating the new document as already seen', () => {
    const timeline = new DocumentTimeline(doc(0), JSON.stringify);
    timeline.observe(doc(1));
    timeline.reset(doc(9));
    expect(timeline.canUndo).toBe(false);
    expect(timeline.observe(doc(9))).toBe(false);
  });
});
