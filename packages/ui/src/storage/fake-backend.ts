import { at } from '@convbook/core';
import type { KeyValueBackend } from './notebook-store';
import type { WritePlan } from './one-transaction';

/**
 * An in-memory stand-in for IndexedDB for unit tests. `failNext` makes chosen operations throw, to act out
 * a full disk or a write cut short; values are cloned like IndexedDB's structured clone does.
 */
export class FakeBackend implements KeyValueBackend {
  readonly data = new Map<string, unknown>();
  #failures: { op: keyof KeyValueBackend; error: unknown; keyPattern?: RegExp | undefined }[] = [];

  failNext(op: keyof KeyValueBackend, error: unknown, keyPattern?: RegExp): void {
    this.#failures.push({ op, error, keyPattern });
  }

  async get(key: string): Promise<unknown> {
    this.#maybeFail('get', key);
    return structuredClone(this.data.get(key));
  }

  async getMany(keys: string[]): Promise<unknown[]> {
    this.#maybeFail('getMany', keys.join(','));
    return keys.map((key) => structuredClone(this.data.get(key)));
  }

  async set(key: string, value: unknown): Promise<void> {
    this.#maybeFail('set', key);
    this.data.set(key, structuredClone(value));
  }

  async delMany(keys: string[]): Promise<void> {
    this.#maybeFail('delMany', keys.join(','));
    for (const key of keys) this.data.delete(key);
  }

  /**
   * One transaction, as IndexedDB runs it: every write of the plan lands, or (a failed check, a failure
   * injected with `failNext('commit')`) none does.
   */
  async commit(plan: WritePlan): Promise<boolean> {
    this.#maybeFail('commit', plan.checkKey);
    const stored = structuredClone(this.data.get(plan.checkKey));
    if (!plan.check(stored)) return false;
    for (const [key, value] of [...plan.writes, ...(plan.amend?.(stored) ?? [])]) {
      this.data.set(key, structuredClone(value));
    }
    if (plan.prune) {
      const { prefix, keep } = plan.prune;
      for (const key of [...this.data.keys()])
        if (key.startsWith(prefix) && key !== keep) this.data.delete(key);
    }
    return true;
  }

  async keys(): Promise<string[]> {
    this.#maybeFail('keys', '');
    return [...this.data.keys()];
  }

  #maybeFail(op: keyof KeyValueBackend, key: string): void {
    const index = this.#failures.findIndex((f) => f.op === op && (!f.keyPattern || f.keyPattern.test(key)));
    if (index < 0) return;
    const failure = at(this.#failures.splice(index, 1), 0);
    throw failure.error;
  }
}
