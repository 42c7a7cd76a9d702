import { Field, Float, ID, InputType, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('Pool', { description: 'A backbone link or data centre whose capacity the park sells.' })
export class PoolType {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field() region!: string;
  @Field(() => Int) capacityMbps!: number;
  @Field({ description: 'integer bytes as a decimal string' }) monthlyTrafficCapBytes!: string;
  @Field({ description: 'integer fen as a decimal string' }) costPriceFenPerGb!: string;
  @Field(() => Int) allocatedMbps!: number;
  @Field(() => Float, { description: 'allocated share of capacity, percent (display only)' }) utilisationPercent!: number;
}

@InputType()
export class CreatePoolInput {
  @Field() name!: string;
  @Field() region!: string;
  @Field(() => Int) capacityMbps!: number;
  @Field({ description: 'integer bytes as a decimal string' }) monthlyTrafficCapBytes!: string;
  @Field({ description: 'integer fen as a decimal string' }) costPriceFenPerGb!: string;
}

@InputType()
export class PlanTermsInput {
  @Field(() => Int) bandwidthMbps!: number;
  @Field({ description: 'integer bytes as a decimal string' }) monthlyIncludedBytes!: string;
  @Field({ description: 'integer fen per GB (10^9 bytes) as a decimal string' }) parkPriceFenPerGb!: string;
  @Field({ description: 'the market reference price, for the saving figure' }) marketPriceFenPerGb!: string;
  @Field({ description: 'block, throttle or bill' }) overagePolicy!: string;
  @Field({ nullable: true, description: 'offered to new allocations (default true)' }) active?: boolean;
}

@ObjectType('PlanVersion')
export class PlanVersionType {
  @Field(() => Int) version!: number;
  @Field(() => Int) bandwidthMbps!: number;
  @Field() monthlyIncludedBytes!: string;
  @Field() parkPriceFenPerGb!: string;
  @Field() marketPriceFenPerGb!: string;
  @Field() overagePolicy!: string;
  @Field() active!: boolean;
  @Field() createdAt!: Date;
}

@ObjectType('Plan')
export class PlanType {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field(() => Int) currentVersion!: number;
  @Field(() => [PlanVersionType], { description: 'oldest first' }) versions!: PlanVersionType[];
}

@ObjectType('Allocation')
export class AllocationType {
  @Field(() => ID) id!: string;
  @Field(() => ID) enterpriseId!: string;
  @Field(() => ID) planId!: string;
  @Field(() => Int) planVersion!: number;
  @Field(() => ID, { nullable: true }) poolId?: string;
  @Field(() => Int) bandwidthMbps!: number;
  @Field() monthlyIncludedBytes!: string;
  @Field({ description: 'pending, active, suspended or revoked' }) status!: string;
  @Field({ nullable: true }) pendingReason?: string;
  @Field() createdAt!: Date;
  @Field() updatedAt!: Date;
}
