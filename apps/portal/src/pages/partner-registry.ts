/**
 * What the portal knows of the partner registry: the kinds, the six public
 * topics a partner may be granted, and the checks an administrator's choice
 * must pass before it is sent (the service checks them again).
 */
export const PARTNER_KINDS = ['carrier', 'statistics_bureau', 'bank', 'other'] as const;
export type PartnerKind = (typeof PARTNER_KINDS)[number];

/** The public topics, in the order the form shows them (libs/contracts' PUBLIC_TOPICS; a spec keeps them equal). */
export const PUBLIC_TOPICS = [
  'valley.enterprise.lifecycle.v1',
  'valley.flow.allocations.v1',
  'valley.flow.usage-alerts.v1',
  'valley.flow.charges.v1',
  'valley.revenue.reports.v1',
  'valley.talent.programs.v1',
] as const;

export type PartnerChoiceProblem = 'partners.nameRequired' | 'partners.topicsRequired' | 'partners.topicNotPublic';

/** Why a registration cannot be sent yet, or undefined: a name, public topics only, at least one unless a carrier. */
export function partnerChoiceProblem(choice: { name: string; kind: PartnerKind; topics: readonly string[] }): PartnerChoiceProblem | undefined {
  const name = choice.name.trim();
  if (name.length === 0 || name.length > 200) return 'partners.nameRequired';
  if (choice.topics.some((t) => !(PUBLIC_TOPICS as readonly string[]).includes(t))) return 'partners.topicNotPublic';
  if (choice.topics.length === 0 && choice.kind !== 'carrier') return 'partners.topicsRequired';
  return undefined;
}

/** The topics with one ticked or unticked, always in the form's order. */
export function toggleTopic(topics: readonly string[], topic: string): string[] {
  const next = new Set(topics);
  if (next.has(topic)) next.delete(topic);
  else next.add(topic);
  return PUBLIC_TOPICS.filter((t) => next.has(t));
}

/** An audit entry's details (JSON from the service) as a short line: `topics: a, b · reason: …`. */
export function auditDetailsText(details: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(details);
  } catch {
    return details;
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return String(details);
  return Object.entries(parsed as Record<string, unknown>)
    .map(([key, value]) => `${key}: ${Array.isArray(value) ? value.join(', ') || '—' : String(value)}`)
    .join(' · ');
}
