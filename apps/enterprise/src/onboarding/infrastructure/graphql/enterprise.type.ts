import { Directive, Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum EnterpriseStatusGql {
  submitted = 'submitted',
  under_review = 'under_review',
  information_requested = 'information_requested',
  approved = 'approved',
  rejected = 'rejected',
  suspended = 'suspended',
  exited = 'exited',
}
registerEnumType(EnterpriseStatusGql, { name: 'EnterpriseStatus', description: 'approved = resident' });

/**
 * The API shape of an enterprise. The contacts are shown to administrators and
 * to the enterprise itself only (the resolver sees to it): every field needs an
 * authorised caller.
 */
@ObjectType('Enterprise')
@Directive('@key(fields: "id")')
export class EnterpriseType {
  @Field(() => ID) id!: string;
  @Field() uscc!: string;
  @Field() name!: string;
  @Field() legalRepresentative!: string;
  @Field() contactPhone!: string;
  @Field() contactEmail!: string;
  @Field() industry!: string;
  @Field(() => EnterpriseStatusGql) status!: EnterpriseStatusGql;
  @Field({ description: 'integer fen as a decimal string' }) registeredCapitalFen!: string;
  @Field(() => Int) plannedBandwidthMbps!: number;
  @Field({ description: 'integer bytes as a decimal string' }) plannedMonthlyTrafficBytes!: string;
  @Field(() => Int) headcount!: number;
  @Field({ nullable: true, description: 'the administrator reviewing the application' }) reviewerSubject?: string;
  @Field({ nullable: true, description: 'first month as a resident, YYYY-MM (Asia/Shanghai)' }) admittedMonth?: string;
  @Field({ nullable: true, description: 'YYYY-MM-DD' }) exitDate?: string;
  @Field() submittedAt!: Date;
  @Field() updatedAt!: Date;
}

@ObjectType('EnterpriseDecision', { description: 'One step of an enterprise\'s history: who, when, what and why.' })
export class EnterpriseDecisionType {
  @Field() action!: string;
  @Field(() => EnterpriseStatusGql, { nullable: true }) fromStatus?: EnterpriseStatusGql;
  @Field(() => EnterpriseStatusGql) toStatus!: EnterpriseStatusGql;
  @Field() actorSubject!: string;
  @Field() actorRole!: string;
  @Field({ nullable: true }) reason?: string;
  @Field() decidedAt!: Date;
}

@ObjectType('EnterpriseConnection')
export class EnterpriseConnectionType {
  @Field(() => [EnterpriseType]) items!: EnterpriseType[];
  @Field(() => Int) totalCount!: number;
  @Field({ nullable: true }) endCursor?: string;
  @Field() hasNextPage!: boolean;
}

@ObjectType('EnterpriseCount')
export class EnterpriseCountType {
  @Field(() => EnterpriseStatusGql) status!: EnterpriseStatusGql;
  @Field() industry!: string;
  @Field(() => Int) count!: number;
}
