import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentIdentity, Roles, type Identity } from '@valley/platform';
import { PartnerRegistry } from '../../application/partner-registry.service';
import { PartnerKafkaAccess } from '../kafka/partner-kafka-access';
import { RegisterPartnerInput } from './partner.inputs';
import { fromKindGql, toAuditEntryType, toCredentialsType, toPartnerType } from './partner.mapper';
import { PartnerAuditEntryType, PartnerCredentialsType, PartnerType } from './partner.type';

/** The partner registry: administrators only (the registry checks the role again). */
@Resolver(() => PartnerType)
export class PartnerResolver {
  constructor(
    private readonly registry: PartnerRegistry,
    private readonly kafka: PartnerKafkaAccess,
  ) {}

  @Roles('park-admin')
  @Query(() => [PartnerType], { description: 'Every partner system, newest first.' })
  async partners(@CurrentIdentity() identity: Identity): Promise<PartnerType[]> {
    return (await this.registry.list(identity)).map((p) => toPartnerType(p, this.kafka));
  }

  @Roles('park-admin')
  @Query(() => PartnerType)
  async partner(@Args('id', { type: () => ID }) id: string, @CurrentIdentity() identity: Identity): Promise<PartnerType> {
    return toPartnerType(await this.registry.byId(id, identity), this.kafka);
  }

  @Roles('park-admin')
  @Mutation(() => PartnerCredentialsType, { description: 'Creates its Kafka credentials and ACLs. The password is in this answer only.' })
  async registerPartner(@Args('input') input: RegisterPartnerInput, @CurrentIdentity() identity: Identity): Promise<PartnerCredentialsType> {
    return toCredentialsType(await this.registry.register({ name: input.name, kind: fromKindGql(input.kind), topics: input.topics }, identity), this.kafka);
  }

  @Roles('park-admin')
  @Mutation(() => PartnerCredentialsType, { description: 'A new password; the old one stops logging in. Other partners are not touched.' })
  async rotatePartnerCredentials(@Args('id', { type: () => ID }) id: string, @CurrentIdentity() identity: Identity): Promise<PartnerCredentialsType> {
    return toCredentialsType(await this.registry.rotate(id, identity), this.kafka);
  }

  @Roles('park-admin')
  @Mutation(() => PartnerType, { description: 'Removes its ACLs (open connections are refused at once) and its credentials.' })
  async revokePartner(@Args('id', { type: () => ID }) id: string, @Args('reason') reason: string, @CurrentIdentity() identity: Identity): Promise<PartnerType> {
    return toPartnerType(await this.registry.revoke(id, reason, identity), this.kafka);
  }

  @ResolveField(() => [PartnerAuditEntryType], { description: 'Every change, oldest first.' })
  async audit(@Parent() partner: PartnerType, @CurrentIdentity() identity: Identity): Promise<PartnerAuditEntryType[]> {
    return (await this.registry.audit(partner.id, identity)).map(toAuditEntryType);
  }
}
