import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { BehaviorSubject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { ObservableController } from './observable-controller';

class FakeHost implements ReactiveControllerHost {
  controllers: ReactiveController[] = [];
  updates = 0;
  addController(controller: ReactiveController): void {
    this.controllers.push(controller);
  }
  removeController(): void {}
  requestUpdate(): void {
    this.updates++;
  }
  get updateComplete(): Promise<boolean> {
    return Promise.resolve(true);
  }
  connect(): void {
    for (const c of this.controllers) c.hostConnected?.();
  }
  disconnect(): void {
    for (const c of this.controllers) c.hostDisconnected?.();
  }
}

describe('ObservableController', () => {
  it('subscribes only while the host is connected and re-renders on every value', () => {
    const host = new FakeHost();
    const subject = new BehaviorSubject(1);
    const controller = new ObservableController(host, subject);
    expect(subject.observed).toBe(false);
    host.connect();
    expect(controller.value).toBe(1);
    subject.next(2);
    expect(controller.value).toBe(2);
    expect(host.updates).toBe(2);
    host.disconnect();
    expect(subject.observed).toBe(false);
  });

  it('keeps the last value when switching sources and drops the old subscription', () => {
    const host = new FakeHost();
    const first = new BehaviorSubject('a');
    const controller = new ObservableController(host, first);
    host.connect();
    const second = new BehaviorSubject<string>('b');
    controller.observe(second);
    expect(first.observed).toBe(false);
    expect(controller.value).toBe('b');
    first.next('stale');
    expect(controller.value).toBe('b');
  });
});
