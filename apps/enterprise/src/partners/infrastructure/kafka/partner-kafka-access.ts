import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { partnerKafkaAccess, type KafkaAccess } from '@valley/contracts';
import { alterScramCredentials, createKafka, revokeKafkaAccess, revokeScramCredentials, setKafkaAccess, withAdmin, type KafkaSasl } from '@valley/messaging';
import { JSON_LOGGER } from '@valley/platform';
import type { Partner } from '../../domain/partner';
import { PartnerError, PartnerErrorCode } from '../../domain/partner.error';
import { PARTNER_KAFKA } from '../../partners.tokens';

export interface PartnerKafkaOptions {
  brokers: string[];
  /** The registry's own principal (ALTER on the cluster); absent on an open local broker. */
  sasl?: KafkaSasl;
}

/** How long a new password may take to reach the broker (the controller's metadata is applied asynchronously). */
const PROPAGATION_TIMEOUT_MS = 15_000;

/**
 * The partner's side in Kafka: SCRAM credentials and ACLs, made with the
 * registry's principal through the admin API. Each call leaves Kafka as the
 * caller asked or throws KAFKA_UNAVAILABLE; all of them may be repeated.
 */
@Injectable()
export class PartnerKafkaAccess {
  constructor(
    @Inject(PARTNER_KAFKA) private readonly options: PartnerKafkaOptions,
    @Inject(JSON_LOGGER) private readonly logger: Logger,
  ) {}

  /** False on an open local broker (npm start): credentials are made, but nothing enforces ACLs there. */
  get enforced(): boolean {
    return this.options.sasl !== undefined;
  }

  accessOf(partner: Pick<Partner, 'id' | 'kind' | 'topics'>): KafkaAccess {
    return partnerKafkaAccess(partner.id, partner.kind, partner.topics);
  }

  /** Creates (or replaces) the partner's password and sets its ACLs; returns once the password logs in. */
  async grant(partner: Pick<Partner, 'id' | 'kind' | 'topics'>, password: string): Promise<void> {
    const access = this.accessOf(partner);
    await this.kafka('create the credentials', () => alterScramCredentials(this.admin(), { upsert: [{ username: access.username, password }] }));
    if (this.enforced) await this.kafka('set the ACLs', () => withAdmin(this.client(), (admin) => setKafkaAccess(admin, access)));
    else this.logger.warn({ username: access.username }, 'partner registry: Kafka runs without security; the partner\'s ACLs are not enforced');
    await this.untilLogsIn({ mechanism: 'scram-sha-512', username: access.username, password });
  }

  /** Replaces the password: new logins need the new one; the partner's open connections stay authorised by its ACLs. */
  async rotate(username: string, password: string): Promise<void> {
    await this.kafka('replace the credentials', () => alterScramCredentials(this.admin(), { upsert: [{ username, password }] }));
    await this.untilLogsIn({ mechanism: 'scram-sha-512', username, password });
  }

  /**
   * ACLs first: the authorizer checks them on every request, so even the
   * partner's open connections are refused at once; then the credentials, so
   * it cannot log in again. The password is replaced by one nobody holds
   * rather than deleted: a deletion can cost every SCRAM user its login at the
   * broker's next restart (a Kafka bug, see revokeScramCredentials).
   */
  async revoke(username: string): Promise<void> {
    if (this.enforced) await this.kafka('remove the ACLs', () => withAdmin(this.client(), (admin) => revokeKafkaAccess(admin, username)));
    await this.kafka('revoke the credentials', () => revokeScramCredentials(this.admin(), [username]));
  }

  private admin() {
    return { brokers: this.options.brokers, sasl: this.options.sasl, clientId: 'valley-partner-registry' };
  }

  private client() {
    return createKafka({ brokers: this.options.brokers, sasl: this.options.sasl, clientId: 'valley-partner-registry' });
  }

  private async kafka<T>(what: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      this.logger.error({ error: message }, `partner registry: could not ${what} in Kafka`);
      throw new PartnerError(PartnerErrorCode.KafkaUnavailable, `Kafka did not ${what}: ${message}`, undefined, { step: what });
    }
  }

  /** Only an open broker skips this: there is nothing to log in to. */
  private async untilLogsIn(sasl: KafkaSasl): Promise<void> {
    if (this.options.sasl === undefined) return;
    const deadline = Date.now() + PROPAGATION_TIMEOUT_MS;
    for (;;) {
      try {
        await withAdmin(createKafka({ brokers: this.options.brokers, sasl, clientId: 'valley-partner-registry-check' }), (admin) => admin.describeCluster());
        return;
      } catch (err) {
        if (Date.now() > deadline) {
          throw new PartnerError(PartnerErrorCode.KafkaUnavailable, `the new credentials of ${sasl.username} did not log in within ${PROPAGATION_TIMEOUT_MS / 1000} s: ${err instanceof Error ? err.message : String(err)}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
  }
}
