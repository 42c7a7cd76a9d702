import { isAdmin, type Identity } from '@valley/platform';
import { checkUuid, RevenueError, RevenueErrorCode } from '../domain/revenue.error';

/** Park-wide figures (the dashboard) are the administrators'. */
export function requireAdmin(identity: Identity, what: string): void {
  if (!isAdmin(identity)) throw new RevenueError(RevenueErrorCode.Forbidden, `only park administrators ${what}`);
}

/**
 * What revenue knows of one enterprise: administrators see any, an enterprise
 * user its own only (FORBIDDEN otherwise). Returns the checked id.
 */
export function requireActsFor(identity: Identity, enterpriseId: string): string {
  checkUuid('id', enterpriseId);
  if (!isAdmin(identity) && identity.enterpriseId?.toLowerCase() !== enterpriseId.toLowerCase()) {
    throw new RevenueError(RevenueErrorCode.Forbidden, 'an enterprise sees only its own revenue figures', 'id');
  }
  return enterpriseId.toLowerCase();
}
