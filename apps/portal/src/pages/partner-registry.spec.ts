import { PUBLIC_TOPICS as CONTRACT_TOPICS } from '../../../../libs/contracts/src/kafka-access';
import { auditDetailsText, partnerChoiceProblem, PUBLIC_TOPICS, toggleTopic } from './partner-registry';

describe('the partner registry in the portal', () => {
  it('offers exactly the platform\'s public topics', () => {
    expect([...PUBLIC_TOPICS].sort()).toEqual([...CONTRACT_TOPICS].sort());
  });

  it('asks for a name, public topics only, and at least one topic unless a carrier', () => {
    expect(partnerChoiceProblem({ name: '晋商银行', kind: 'bank', topics: ['valley.flow.charges.v1'] })).toBeUndefined();
    expect(partnerChoiceProblem({ name: '  ', kind: 'bank', topics: ['valley.flow.charges.v1'] })).toBe('partners.nameRequired');
    expect(partnerChoiceProblem({ name: 'x'.repeat(201), kind: 'bank', topics: ['valley.flow.charges.v1'] })).toBe('partners.nameRequired');
    expect(partnerChoiceProblem({ name: '统计局', kind: 'statistics_bureau', topics: [] })).toBe('partners.topicsRequired');
    expect(partnerChoiceProblem({ name: '联通', kind: 'carrier', topics: [] })).toBeUndefined();
    expect(partnerChoiceProblem({ name: '联通', kind: 'carrier', topics: ['valley.flow.usage-records.v1'] })).toBe('partners.topicNotPublic');
  });

  it('ticks and unticks topics, keeping the form\'s order', () => {
    const one = toggleTopic([], 'valley.talent.programs.v1');
    const two = toggleTopic(one, 'valley.enterprise.lifecycle.v1');
    expect(two).toEqual(['valley.enterprise.lifecycle.v1', 'valley.talent.programs.v1']);
    expect(toggleTopic(two, 'valley.talent.programs.v1')).toEqual(['valley.enterprise.lifecycle.v1']);
  });

  it('shows audit details as a line, and anything unexpected as it came', () => {
    expect(auditDetailsText('{"kind":"bank","topics":["a","b"],"writesUsageRecords":false}')).toBe('kind: bank · topics: a, b · writesUsageRecords: false');
    expect(auditDetailsText('{"topics":[]}')).toBe('topics: —');
    expect(auditDetailsText('{}')).toBe('');
    expect(auditDetailsText('not json')).toBe('not json');
  });
});
