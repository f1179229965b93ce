import { describe, expect, it } from 'vitest';
import { personOf } from './threads.js';

describe('personOf', () => {
  it.each([
    [{ sender: { id: 'P1' }, recipient: { id: 'PAGE' }, timestamp: 1, message: { mid: 'm1' } }, 'P1'],
    [{ sender: { id: 'PAGE' }, recipient: { id: 'P2' }, timestamp: 1, message: { mid: 'm2', is_echo: true } }, 'P2'],
    // Meta's policy-enforcement notice has no sender: it belongs to no person's thread
    [{ recipient: { id: 'PAGE' }, timestamp: 1, policy_enforcement: { action: 'warning' } }, undefined],
  ])('%o → %s', (event, psid) => {
    expect(personOf({ pageId: 'PAGE', time: 1, event })).toBe(psid);
  });
});
