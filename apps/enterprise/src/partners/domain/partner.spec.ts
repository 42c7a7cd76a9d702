import { PUBLIC_TOPICS, Topics } from '@valley/contracts';
import { assertActive, checkRegistration, checkRevokeReason, type Partner } from './partner';
import { PartnerError } from './partner.error';

function codeOf(fn: () => unknown): { code: string; field?: string } {
  try {
    fn();
  } catch (err) {
    if (err instanceof PartnerError) return { code: err.code, ...(err.field ? { field: err.field } : {}) };
    throw err;
  }
  throw new Error('expected a PartnerError');
}

describe(checkRegistration.name, () => {
  it('trims the name and keeps each public topic once', () => {
    const sut = checkRegistration({ name: '  Bank of the valley ', kind: 'bank', topics: [Topics.FlowCharges, Topics.FlowCharges, Topics.RevenueReports] });
    expect(sut).toEqual({ name: 'Bank of the valley', kind: 'bank', topics: [Topics.FlowCharges, Topics.RevenueReports] });
  });

  it('refuses the usage records, DLQs and unknown topics: partners read public topics only', () => {
    for (const topic of [Topics.FlowUsageRecords, `${Topics.FlowCharges}.dlq`, 'valley.partner.registry.v1', '__consumer_offsets']) {
      expect(codeOf(() => checkRegistration({ name: 'x', kind: 'bank', topics: [topic] }))).toEqual({ code: 'BAD_USER_INPUT', field: 'topics' });
    }
  });

  it('lets a carrier read nothing but asks every other kind for a topic', () => {
    expect(checkRegistration({ name: 'Carrier', kind: 'carrier', topics: [] }).topics).toEqual([]);
    expect(codeOf(() => checkRegistration({ name: 'Bureau', kind: 'statistics-bureau', topics: [] }))).toEqual({ code: 'BAD_USER_INPUT', field: 'topics' });
  });

  it('names the field of a bad name or kind', () => {
    expect(codeOf(() => checkRegistration({ name: '   ', kind: 'bank', topics: [...PUBLIC_TOPICS] }))).toEqual({ code: 'BAD_USER_INPUT', field: 'name' });
    expect(codeOf(() => checkRegistration({ name: 'x', kind: 'broker', topics: [...PUBLIC_TOPICS] }))).toEqual({ code: 'BAD_USER_INPUT', field: 'kind' });
  });
});

describe('partner lifecycle rules', () => {
  const partner = (status: Partner['status']): Partner => ({ id: 'p', name: 'n', kind: 'bank', topics: [], username: 'partner-000000000000', status, registeredAt: new Date(), registeredBy: 'a', credentialsRotatedAt: null, revokedAt: null, revokedReason: null });

  it('refuses to act on a revoked partner, with its own code', () => {
    expect(() => assertActive(partner('active'), 'rotate')).not.toThrow();
    expect(codeOf(() => assertActive(partner('revoked'), 'rotate'))).toEqual({ code: 'PARTNER_REVOKED', field: 'id' });
  });

  it('asks for a reason to revoke', () => {
    expect(checkRevokeReason('  contract ended ')).toBe('contract ended');
    expect(codeOf(() => checkRevokeReason(' '))).toEqual({ code: 'BAD_USER_INPUT', field: 'reason' });
  });
});
