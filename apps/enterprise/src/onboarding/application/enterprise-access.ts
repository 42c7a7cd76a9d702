import { isAdmin, type Identity } from '@valley/platform';
import type { Enterprise } from '../domain/enterprise-application';

/** Administrators see every enterprise; an enterprise user sees its own, and the application it made. */
export function canSee(identity: Identity, enterprise: Pick<Enterprise, 'id' | 'applicantSubject'>): boolean {
  if (isAdmin(identity)) return true;
  return identity.enterpriseId === enterprise.id || enterprise.applicantSubject === identity.subject;
}
