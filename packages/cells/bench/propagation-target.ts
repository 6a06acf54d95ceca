/** One runtime holding one bench graph: what the timing loop drives, the same way for every runtime. */
export interface PropagationTarget {
  readonly runtime: string;
  /** Sets the head to `value`; resolves once every cell downstream has recomputed. This is what is timed. */
  edit(value: number): Promise<void>;
  /** The sinks' current values, read after an edit to check the propagation (untimed). */
  sinkValues(): readonly number[];
  dispose(): void;
}
