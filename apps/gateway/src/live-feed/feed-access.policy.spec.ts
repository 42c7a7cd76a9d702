import type { Identity } from '@valley/platform';
import { feedScopeOf, isVisibleTo } from './feed-access.policy';
import type { FeedEvent } from './feed-event';

const A = '0b7f6c1e-3d41-4a55-9a0e-6c1b2f3a4d5e';
const B = '5d2a9e7c-8b14-4f03-a1c6-2e9d8f7b6a50';

function overdue(enterpriseId: string): FeedEvent {
  return { kind: 'REPORT_OVERDUE', eventId: 'e1', occurredAt: '2025-02-16T00:00:00.000Z', enterpriseId, month: '2025-01', deadline: '2025-02-15', detectedAt: '2025-02-16T00:00:00.000Z' };
}

function placement(employer: string): FeedEvent {
  return {
    kind: 'TRAINEE_PLACED',
    eventId: 'e2',
    occurredAt: '2025-02-16T00:00:00.000Z',
    enterpriseId: employer,
    placementId: 'p1',
    programId: 'prog-1',
    traineeRef: `trn_${'a'.repeat(32)}`,
    role: 'data annotator',
    startDate: '2025-03-01',
    placedAt: '2025-02-16T00:00:00.000Z',
  };
}

describe('feed access policy', () => {
  describe(feedScopeOf.name, () => {
    it('gives a park administrator the whole park', () => {
      expect(feedScopeOf({ subject: 'admin-1', role: 'park-admin' })).toEqual({ kind: 'park' });
    });

    it('gives an enterprise user its own enterprise', () => {
      expect(feedScopeOf({ subject: 'u-1', role: 'enterprise', enterpriseId: A })).toEqual({ kind: 'enterprise', enterpriseId: A });
    });

    it('gives nothing to an enterprise user without an enterprise', () => {
      expect(feedScopeOf({ subject: 'u-2', role: 'enterprise' })).toBeUndefined();
    });

    it('gives nothing to a role it does not know', () => {
      expect(feedScopeOf({ subject: 'c-1', role: 'carrier' } as unknown as Identity)).toBeUndefined();
    });
  });

  describe(isVisibleTo.name, () => {
    it('shows an administrator every enterprise', () => {
      expect(isVisibleTo({ kind: 'park' }, overdue(A))).toBe(true);
      expect(isVisibleTo({ kind: 'park' }, overdue(B))).toBe(true);
    });

    it('shows an enterprise its own events and never another one', () => {
      expect(isVisibleTo({ kind: 'enterprise', enterpriseId: A }, overdue(A))).toBe(true);
      expect(isVisibleTo({ kind: 'enterprise', enterpriseId: A }, overdue(B))).toBe(false);
    });

    it('shows a placement to the employer only', () => {
      expect(isVisibleTo({ kind: 'enterprise', enterpriseId: B }, placement(B))).toBe(true);
      expect(isVisibleTo({ kind: 'enterprise', enterpriseId: A }, placement(B))).toBe(false);
    });
  });
});
