import { isAdmin, type Identity } from '@valley/platform';
import { TalentError, TalentErrorCode } from '../domain/talent.error';

/** Programs, trainees and enrollments are the park's to manage. */
export function requireAdmin(identity: Identity, what: string): void {
  if (!isAdmin(identity)) throw new TalentError(TalentErrorCode.Forbidden, `only park administrators ${what}`);
}

/**
 * Whose programs and placements a caller sees: administrators everything
 * (null), an enterprise user only its own enterprise's; an enterprise user
 * without an enterprise sees nothing (the nil UUID matches no row).
 */
export function enterpriseScope(identity: Identity): string | null {
  if (isAdmin(identity)) return null;
  return identity.enterpriseId?.toLowerCase() ?? NOBODY;
}

/** Whether the caller may see or act for `enterpriseId` (a checked, lower-case UUID). */
export function actsFor(identity: Identity, enterpriseId: string): boolean {
  return isAdmin(identity) || identity.enterpriseId?.toLowerCase() === enterpriseId;
}

const NOBODY = '00000000-0000-0000-0000-000000000000';
