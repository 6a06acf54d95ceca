// The slice of @observablehq/runtime 6 (plain JavaScript, no types of its own) that the bench drives.
declare module '@observablehq/runtime' {
  export interface Observer {
    pending?(): void;
    fulfilled?(value: unknown, name?: string | null): void;
    rejected?(error: unknown, name?: string | null): void;
  }

  export interface Variable {
    define(name: string, inputs: readonly string[], definition: (...inputs: never[]) => unknown): Variable;
  }

  export interface Module {
    variable(observer?: Observer): Variable;
  }

  export class Runtime {
    module(): Module;
    /** Internal: runs one propagation pass now instead of on the next setImmediate. */
    _computeNow(): Promise<void>;
    dispose(): void;
  }
}
