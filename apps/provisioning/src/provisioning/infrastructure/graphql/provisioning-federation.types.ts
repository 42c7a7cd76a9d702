import { Field, ID, Int, ObjectType } from '@nestjs/graphql';

export { EnterpriseRefType, ParkDashboardRefType } from '@valley/platform';

@ObjectType('AllocationPlan', { description: 'The plan version an allocation is on: its terms as they were when allocated or changed.' })
export class AllocationPlanType {
  @Field(() => ID) planId!: string;
  @Field() name!: string;
  @Field(() => Int) version!: number;
  @Field(() => Int) bandwidthMbps!: number;
  @Field({ description: 'integer bytes as a decimal string' }) monthlyIncludedBytes!: string;
  @Field({ description: 'integer fen per GB as a decimal string' }) parkPriceFenPerGb!: string;
  @Field({ description: 'integer fen per GB as a decimal string' }) marketPriceFenPerGb!: string;
  @Field({ description: 'block, throttle or bill' }) overagePolicy!: string;
}

@ObjectType('DashboardQuotaAlert', { description: 'An allocation that reached 80 or 100 percent of its monthly included traffic.' })
export class DashboardQuotaAlertType {
  @Field(() => ID) enterpriseId!: string;
  @Field() enterpriseName!: string;
  @Field() industry!: string;
  @Field(() => ID) allocationId!: string;
  @Field({ description: 'YYYY-MM, Asia/Shanghai' }) month!: string;
  @Field(() => Int, { description: '80 or 100' }) thresholdPercent!: number;
  @Field({ description: 'used when the threshold was reached, integer bytes as a decimal string' }) usedBytes!: string;
  @Field({ description: 'the allocation\'s monthly included traffic, integer bytes as a decimal string' }) includedBytes!: string;
  @Field() reachedAt!: Date;
}
