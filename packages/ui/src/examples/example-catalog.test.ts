import { describe, expect, it } from 'vitest';
import { describeExample } from './example-catalog';

describe('describeExample', () => {
  it('names an example after its file and describes it by its first note paragraph, as plain text', () => {
    const entry = describeExample('../../../../examples/sobel-edges.json', {
      title: 'Edge detection',
      cells: [
        { id: 'i', kind: 'image' },
        {
          id: 'n',
          kind: 'note',
          params: {
            markdown: '# Sobel\nA **Sobel** kernel weighs [left](https://x.org) against right.\n\nMore.',
          },
        },
      ],
    });
    expect(entry.name).toBe('sobel-edges');
    expect(entry.title).toBe('Edge detection');
    expect(entry.description).toBe('A Sobel kernel weighs left against right.');
  });

  it('falls back to the file name and an empty description', () => {
    const entry = describeExample('x/lecture.json', { cells: [] });
    expect(entry).toMatchObject({ name: 'lecture', title: 'lecture', description: '' });
  });
});
