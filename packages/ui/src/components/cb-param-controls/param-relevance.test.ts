import { describe, expect, it } from 'vitest';
import { appliesNow } from './param-relevance';

describe('which parameters apply now', () => {
  it('offers the leak only with leaky-relu', () => {
    expect(appliesNow('conv', 'alpha', { activation: 'relu' })).toBe(false);
    expect(appliesNow('conv', 'alpha', {})).toBe(false);
    expect(appliesNow('conv', 'alpha', { activation: 'leaky-relu' })).toBe(true);
  });

  it('offers a target class only for cross-entropy', () => {
    expect(appliesNow('loss', 'targetClass', { loss: 'mse' })).toBe(false);
    expect(appliesNow('loss', 'targetClass', {})).toBe(false);
    expect(appliesNow('loss', 'targetClass', { loss: 'cross-entropy' })).toBe(true);
  });

  it('keeps a parameter that is set, so its error can be fixed where it shows', () => {
    expect(appliesNow('conv', 'alpha', { activation: 'relu', alpha: 0.2 })).toBe(true);
    expect(appliesNow('conv', 'stride', {})).toBe(true);
  });
});
