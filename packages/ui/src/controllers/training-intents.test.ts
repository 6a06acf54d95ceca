import type { NotebookEdit } from '@convbook/cells';
import { describe, expect, it } from 'vitest';
import { DigitDrawEvent, TrainApplyEvent, TrainCommandEvent } from '../events/train-events';
import type { PageNotebook } from '../session/page-notebook';
import { applyTrainedWeights, sendTrainCommand, storeDrawnDigit } from './training-intents';

/** A notebook that only records what it was asked to do. */
function recorder() {
  const calls: unknown[] = [];
  const notebook = {
    command: (command: string, id: string) => calls.push(['command', command, id]),
    apply: (edit: NotebookEdit) => calls.push(['apply', edit]),
    setParams: (id: string, patch: unknown) => calls.push(['setParams', id, patch]),
  } as unknown as PageNotebook;
  return { calls, notebook };
}

describe('training intents', () => {
  it('Train starts afresh (reset, then run); Resume only runs; Stop and Reset pass through', () => {
    const { calls, notebook } = recorder();
    for (const command of ['train', 'resume', 'stop', 'reset'] as const) {
      sendTrainCommand(new TrainCommandEvent('t', command), notebook);
    }
    expect(calls).toEqual([
      ['command', 'reset', 't'],
      ['command', 'run', 't'],
      ['command', 'run', 't'],
      ['command', 'stop', 't'],
      ['command', 'reset', 't'],
    ]);
  });

  it('Apply writes every weights cell in one batch edit, and nothing when there is nothing', () => {
    const { calls, notebook } = recorder();
    const patches = [
      { cellId: 'w1', params: { data: 'AAA=', bias: 'AA==' } },
      { cellId: 'w2', params: { data: 'BBB=', bias: 'BB==' } },
    ];
    applyTrainedWeights(new TrainApplyEvent('t', patches), notebook);
    applyTrainedWeights(new TrainApplyEvent('t', []), notebook);
    expect(calls).toEqual([
      [
        'apply',
        {
          op: 'batch',
          edits: [
            { op: 'setParams', id: 'w1', patch: { data: 'AAA=', bias: 'AA==' } },
            { op: 'setParams', id: 'w2', patch: { data: 'BBB=', bias: 'BB==' } },
          ],
        },
      ],
    ]);
  });

  it('a drawn digit is a params edit of its cell', () => {
    const { calls, notebook } = recorder();
    storeDrawnDigit(new DigitDrawEvent('draw', new Float32Array(784), 'xyz'), notebook);
    expect(calls).toEqual([['setParams', 'draw', { pixels: 'xyz' }]]);
  });
});
