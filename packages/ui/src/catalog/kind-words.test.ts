import { cellKinds, describeCellError } from '@convbook/cells';
import { describe, expect, it } from 'vitest';
import { describeKinds } from './kind-catalog';
import { kindWordsFromInfo } from './kind-words';

describe('kindWordsFromInfo', () => {
  it('words a cell error from the page’s kind info exactly as the registry would', () => {
    const kinds = new Map(describeKinds(cellKinds).map((info) => [info.kind, info]));
    const [problem] = describeCellError(
      {
        message: 'cells[2].params.paddingMode: must be one of "zeros", "reflect", got "mirror"',
        path: 'cells[2].params.paddingMode',
      },
      { id: 'c', kind: 'conv', title: 'Edges' },
      kindWordsFromInfo(kinds),
    );
    expect(problem?.text).toBe(
      'Convolution \'Edges\': padding mode must be one of zeros, reflect — got "mirror"',
    );
    expect(problem?.param).toBe('paddingMode');
  });
});
