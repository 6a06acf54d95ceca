import { describe, expect, it } from 'vitest';
import { describeJsonError } from './json-error';

/** The engine's own message for `text`, as parseNotebook sees it. */
function engineMessage(text: string): string {
  try {
    JSON.parse(text);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('valid JSON');
}

const described = (text: string) => describeJsonError(text, engineMessage(text));

describe('describeJsonError', () => {
  it('points at a trailing comma before a bracket', () => {
    expect(described('{"cells": [1,}')).toBe('not valid JSON at line 1, column 14: "}" is out of place here');
  });

  it('says a cut-off file ends too early', () => {
    expect(described('{"cells": [1, 2')).toMatch(
      /^not valid JSON at line 1, column 16: the text ends too early/,
    );
  });

  it('names what was expected, on the right line', () => {
    const text = '{\n  "a": 1\n  "b": 2\n}';
    expect(described(text)).toMatch(/^not valid JSON at line 3, column 3: /);
  });

  it('never shows the engine wording', () => {
    for (const text of ['{"cells": [1,}', '[1 2]', '{"a" 1}', '{', 'nope']) {
      expect(described(text)).not.toMatch(/in JSON|is not valid JSON|position/);
    }
  });
});

describe('describeJsonError without a position from the engine', () => {
  it('finds the stray token outside strings', () => {
    const text = '{"x": 1, "y": x}';
    const message = `Unexpected token 'x', "${text}" is not valid JSON`;
    expect(describeJsonError(text, message)).toBe(
      'not valid JSON at line 1, column 15: "x" is out of place here',
    );
  });
});
