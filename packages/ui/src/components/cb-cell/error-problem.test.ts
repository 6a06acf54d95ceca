import type { PlainProblem } from '@convbook/cells';
import { describe, expect, it } from 'vitest';
import { splitOwnSubject } from './error-problem';

const subject = "Convolution 'Cross-correlation (flip: false)'";
const problem: PlainProblem = {
  text: `${subject}: kernel is 5×2 but the padded input is 3×4`,
  subject,
  message: 'kernel is 5×2 but the padded input is 3×4',
  path: '',
  cellId: 'valid',
};

describe('splitOwnSubject', () => {
  it('separates the name of the cell the box is in from the rest, changing no text', () => {
    const { subject: name, rest } = splitOwnSubject(problem, 'valid');
    expect(name).toBe(`${subject}: `);
    expect(rest).toBe('kernel is 5×2 but the padded input is 3×4');
    expect(name + rest).toBe(problem.text);
  });

  it('keeps the whole sentence when it is about another cell', () => {
    expect(splitOwnSubject(problem, 'validFlipped')).toEqual({ subject: '', rest: problem.text });
  });

  it('keeps the whole sentence when it does not start with its subject', () => {
    const reworded = { ...problem, text: 'The kernel does not fit the input' };
    expect(splitOwnSubject(reworded, 'valid')).toEqual({ subject: '', rest: reworded.text });
    const bare = { ...problem, text: `${subject}: ` };
    expect(splitOwnSubject(bare, 'valid').subject).toBe('');
  });
});
