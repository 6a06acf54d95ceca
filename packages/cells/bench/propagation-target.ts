/**
 * How the graph is watched. `sinks`: only what the bench needs to see the edit settle. `every cell`: each
 * cell has a subscriber, as when a UI shows the whole notebook (Convbook `state$(id)`, Observable observers).
 */
export type Watching = 'sinks' | 'every cell';

/** One runtime holding one bench graph: what the timing loop drives, the same way for every runtime. */
export interface PropagationTarget {
  readonly runtime: string;
  /** Sets the head to `value`; resolves once every cell downstream has recomputed. This is what is timed. */
  edit(value: number): Promise<void>;
  /** The sinks' current values, read after an edit to check the propagation (untimed). */
  sinkValues(): readonly number[];
  dispose(): void;
}
