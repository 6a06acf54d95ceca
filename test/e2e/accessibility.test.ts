import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, describeViolations } from './axe-audit';
import { type AppSession, openApp, startSession } from './browser';

/** axe-core on the notebook a first visit opens: no serious or critical accessibility violation. */
describe('accessibility of the default notebook', () => {
  let session: AppSession;
  beforeAll(async () => {
    session = await startSession();
  });
  afterAll(async () => {
    await session?.close();
  });

  it('has no serious or critical axe violations', async () => {
    await openApp(session.page);
    const violations = await axeViolations(session.page);
    expect(violations, describeViolations(violations)).toEqual([]);
  });
});
