import { Field, InputType, Int } from '@nestjs/graphql';
import { EnterpriseStatusGql } from './enterprise.type';

@InputType()
export class SubmitApplicationInput {
  @Field() name!: string;
  @Field({ description: 'unified social credit code, 18 characters' }) uscc!: string;
  @Field() legalRepresentative!: string;
  @Field() contactPhone!: string;
  @Field() contactEmail!: string;
  @Field() industry!: string;
  @Field({ description: 'integer fen as a decimal string' }) registeredCapitalFen!: string;
  @Field(() => Int) plannedBandwidthMbps!: number;
  @Field({ description: 'integer bytes as a decimal string' }) plannedMonthlyTrafficBytes!: string;
  @Field(() => Int) headcount!: number;
}

@InputType()
export class EnterpriseFilterInput {
  @Field(() => [EnterpriseStatusGql], { nullable: true }) statuses?: EnterpriseStatusGql[];
  @Field({ nullable: true }) industry?: string;
  @Field({ nullable: true }) nameContains?: string;
  @Field({ nullable: true, description: 'submitted at or after' }) submittedFrom?: Date;
  @Field({ nullable: true, description: 'submitted before' }) submittedTo?: Date;
}
