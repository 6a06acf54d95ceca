import { describe, expect, it } from 'vitest';
import { MAX_NOTE_LENGTH } from '../document/limits';
import { noteCell } from './note-cell';
import { runKind } from './run-kind.test-helper';

describe('note cell', () => {
  it('publishes its markdown, empty when none is given', async () => {
    expect(await runKind(noteCell, { markdown: '# Padding\nKeeps the size.' })).toEqual({
      type: 'note',
      markdown: '# Padding\nKeeps the size.',
    });
    expect(await runKind(noteCell, {})).toEqual({ type: 'note', markdown: '' });
  });

  it('refuses text beyond the limit', async () => {
    await expect(runKind(noteCell, { markdown: 'x'.repeat(MAX_NOTE_LENGTH + 1) })).rejects.toThrow(
      `params.markdown: must be at most ${MAX_NOTE_LENGTH} characters, got ${MAX_NOTE_LENGTH + 1}`,
    );
  });
});
