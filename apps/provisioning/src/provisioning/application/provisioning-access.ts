import { isAdmin, type Identity } from '@valley/platform';
import { ProvisioningError, ProvisioningErrorCode } from '../domain/provisioning.error';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * What provisioning knows of one enterprise: administrators see any, an
 * enterprise user its own only (FORBIDDEN otherwise). Returns the checked,
 * lower-case id.
 */
export function requireActsFor(identity: Identity, enterpriseId: string): string {
  if (!UUID.test(enterpriseId)) throw new ProvisioningError(ProvisioningErrorCode.InvalidInput, 'id: must be a UUID', 'id');
  const id = enterpriseId.toLowerCase();
  if (!isAdmin(identity) && identity.enterpriseId?.toLowerCase() !== id) throw new ProvisioningError(ProvisioningErrorCode.Forbidden, 'an enterprise sees only its own allocations and usage', 'id');
  return id;
}
