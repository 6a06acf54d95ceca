import { describe, expect, it } from 'vitest';
import { readShareLink } from './read-share-link';
import { encodeShareFragment } from './share-link';

const parse = (text: string) => {
  const value = JSON.parse(text) as { title?: unknown };
  if (typeof value.title !== 'string') {
    throw Object.assign(new Error('invalid'), {
      problems: [{ path: 'title', message: 'expected a string' }],
    });
  }
  return value;
};
const fragmentOf = async (text: string) => {
  const link = await encodeShareFragment(text);
  if (link.status !== 'ok') throw new Error('expected a link');
  return link.fragment;
};

describe('readShareLink', () => {
  it('ignores an address without a shared notebook', async () => {
    expect(await readShareLink('', parse)).toEqual({ status: 'none' });
    expect(await readShareLink('#section-2', parse)).toEqual({ status: 'none' });
  });

  it('returns the validated document', async () => {
    expect(await readShareLink(await fragmentOf('{"title":"Shared"}'), parse)).toEqual({
      status: 'ok',
      doc: { title: 'Shared' },
    });
  });

  it('tells a broken link from a valid link to an invalid notebook', async () => {
    expect(await readShareLink('#share=%%%', parse)).toEqual({
      status: 'broken',
      message: 'This share link is damaged: its data is not valid base64url.',
    });
    expect(await readShareLink(await fragmentOf('{"title":3}'), parse)).toEqual({
      status: 'invalid',
      source: 'the share link',
      problems: [{ path: 'title', message: 'expected a string' }],
    });
  });
});
