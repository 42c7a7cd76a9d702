import { Module, type DynamicModule } from '@nestjs/common';
import { PartnerRegistry } from './application/partner-registry.service';
import { PartnerKafkaAccess, type PartnerKafkaOptions } from './infrastructure/kafka/partner-kafka-access';
import { PartnerResolver } from './infrastructure/graphql/partner.resolver';
import { PARTNER_KAFKA } from './partners.tokens';

/** The partner registry: partner systems' Kafka credentials and ACLs, audited and published. */
@Module({})
export class PartnersModule {
  static forRoot(kafka: PartnerKafkaOptions): DynamicModule {
    return {
      module: PartnersModule,
      providers: [{ provide: PARTNER_KAFKA, useValue: kafka }, PartnerKafkaAccess, PartnerRegistry, PartnerResolver],
    };
  }
}
