import { Type } from '@sinclair/typebox';
import { Instant, Uuid } from './common.schema';

const strict = { additionalProperties: false } as const;

const Username = Type.String({ pattern: '^partner-[0-9a-f]{12}$', description: "the partner's Kafka (SCRAM) user name" });
const Kind = Type.Union([Type.Literal('carrier'), Type.Literal('statistics-bureau'), Type.Literal('bank'), Type.Literal('other')]);
/** Who made the change: the administrator's subject (an account id, never a name). */
const Actor = Type.String({ minLength: 1, maxLength: 200 });

/** Never a secret: the password is shown once to the administrator and kept nowhere. */
export const PartnerRegisteredV1 = Type.Object(
  {
    partnerId: Uuid,
    name: Type.String({ minLength: 1, maxLength: 200 }),
    kind: Kind,
    username: Username,
    topics: Type.Array(Type.String({ pattern: '^valley\\.[a-z0-9.-]+\\.v[0-9]+$' })),
    writesUsageRecords: Type.Boolean(),
    registeredBy: Actor,
    registeredAt: Instant,
  },
  strict,
);

export const PartnerCredentialsRotatedV1 = Type.Object({ partnerId: Uuid, username: Username, rotatedBy: Actor, rotatedAt: Instant }, strict);

export const PartnerRevokedV1 = Type.Object(
  { partnerId: Uuid, username: Username, reason: Type.String({ minLength: 1, maxLength: 500 }), revokedBy: Actor, revokedAt: Instant },
  strict,
);
