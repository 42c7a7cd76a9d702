/** Who is calling, as the gateway established it from the user's token. */
export type Role = 'park-admin' | 'enterprise';

export interface Identity {
  /** The user (token subject). Never personal data: an opaque id. */
  subject: string;
  role: Role;
  /** For enterprise users: the enterprise they act for, once they have one. */
  enterpriseId?: string;
}

export function isAdmin(identity: Identity): boolean {
  return identity.role === 'park-admin';
}
