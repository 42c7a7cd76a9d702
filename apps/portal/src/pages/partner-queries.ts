import type { PartnerKind } from './partner-registry';

/** The partner registry's GraphQL, as the portal asks for it. */
const PARTNER_FIELDS = 'id name kind topics writes username groupPrefix status registeredAt registeredBy credentialsRotatedAt revokedAt revokedReason audit { action actorSubject details at }';
const CREDENTIAL_FIELDS = `username password mechanism aclsEnforced partner { ${PARTNER_FIELDS} }`;

export const PARTNERS = `query Partners { partners { ${PARTNER_FIELDS} } }`;
export const REGISTER_PARTNER = `mutation RegisterPartner($input: RegisterPartnerInput!) { registerPartner(input: $input) { ${CREDENTIAL_FIELDS} } }`;
export const ROTATE_PARTNER = `mutation RotatePartner($id: ID!) { rotatePartnerCredentials(id: $id) { ${CREDENTIAL_FIELDS} } }`;
export const REVOKE_PARTNER = `mutation RevokePartner($id: ID!, $reason: String!) { revokePartner(id: $id, reason: $reason) { id status } }`;

export interface PartnerView {
  id: string; name: string; kind: PartnerKind; topics: string[]; writes: string[]; username: string; groupPrefix: string;
  status: 'active' | 'revoked'; registeredAt: string; registeredBy: string; credentialsRotatedAt: string | null; revokedAt: string | null; revokedReason: string | null;
  audit: Array<{ action: string; actorSubject: string; details: string; at: string }>;
}

/** The answer of a registration or a rotation: the password is in it once, and in no state after its panel closes. */
export interface PartnerCredentials {
  username: string;
  password: string;
  mechanism: string;
  aclsEnforced: boolean;
  partner: PartnerView;
}
