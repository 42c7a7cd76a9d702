import type { Identity } from '@valley/platform';
import type { FeedEvent } from './feed-event';

/** What one subscriber may see: everything, or one enterprise's events. */
export type FeedScope = { kind: 'park' } | { kind: 'enterprise'; enterpriseId: string };

/**
 * The scope of an identity, or undefined when it may watch nothing (an
 * enterprise user who has no enterprise yet, or a role the feed does not
 * know): such a connection is refused rather than left silently empty.
 */
export function feedScopeOf(identity: Identity): FeedScope | undefined {
  switch (identity.role) {
    case 'park-admin':
      return { kind: 'park' };
    case 'enterprise':
      return identity.enterpriseId ? { kind: 'enterprise', enterpriseId: identity.enterpriseId } : undefined;
    default:
      return undefined;
  }
}

/** Whether a subscriber with `scope` may receive `event`. */
export function isVisibleTo(scope: FeedScope, event: FeedEvent): boolean {
  return scope.kind === 'park' || event.enterpriseId === scope.enterpriseId;
}
