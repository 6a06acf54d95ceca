import { describe, expect, it } from 'vitest';
import { migrateNotebook } from './migrate-notebook';

describe('migrateNotebook', () => {
  it('passes the current version through unchanged', () => {
    const document = { format: 'convbook', version: 1, title: '', cells: [] };
    expect(migrateNotebook(document)).toEqual({ document });
  });

  it('refuses a version made by a newer Convbook', () => {
    expect(migrateNotebook({ version: 3 })).toEqual({
      problem: {
        path: 'version',
        message: 'this notebook was made by a newer Convbook (format version 3; this one reads up to 1)',
      },
    });
  });

  it('refuses versions below 1 and non-integers', () => {
    expect(migrateNotebook({ version: 0 })).toMatchObject({ problem: { path: 'version' } });
    expect(migrateNotebook({ version: 1.5 })).toMatchObject({ problem: { path: 'version' } });
  });
});
