import { Field, Float, ID, InputType, Int, ObjectType } from '@nestjs/graphql';

@InputType({ description: 'A carrier usage record, as on the usage-records topic; byte counts as decimal strings.' })
export class UsageRecordInput {
  @Field() recordId!: string;
  @Field() carrierId!: string;
  @Field(() => ID) enterpriseId!: string;
  @Field({ description: 'ISO-8601 with zone' }) windowStart!: string;
  @Field({ description: 'ISO-8601 with zone' }) windowEnd!: string;
  @Field() bytesIn!: string;
  @Field() bytesOut!: string;
}

@ObjectType('RejectedUsageRecord')
export class RejectedUsageRecordType {
  @Field(() => Int) index!: number;
  @Field() reason!: string;
}

@ObjectType('UsageUploadResult')
export class UsageUploadResultType {
  @Field(() => Int) accepted!: number;
  @Field(() => [RejectedUsageRecordType]) rejected!: RejectedUsageRecordType[];
}

@ObjectType('DailyUsage')
export class DailyUsageType {
  @Field({ description: 'YYYY-MM-DD, Asia/Shanghai' }) day!: string;
  @Field() bytesIn!: string;
  @Field() bytesOut!: string;
}

@ObjectType('MonthUsage')
export class MonthUsageType {
  @Field(() => ID) enterpriseId!: string;
  @Field() month!: string;
  @Field(() => ID, { nullable: true }) allocationId?: string;
  @Field() usedBytes!: string;
  @Field() includedBytes!: string;
  @Field(() => Float, { description: 'percent of the monthly included traffic (display only)' }) quotaPercent!: number;
  @Field({ description: 'within-quota, blocked, throttled or billing-overage' }) overageState!: string;
  @Field(() => [DailyUsageType]) daily!: DailyUsageType[];
}

@ObjectType('MonthlyCharge')
export class MonthlyChargeType {
  @Field(() => ID) enterpriseId!: string;
  @Field() month!: string;
  @Field(() => Int) revision!: number;
  @Field() billableBytes!: string;
  @Field({ description: 'the data-element input, integer fen' }) chargeFen!: string;
  @Field() marketValueFen!: string;
  @Field() savingFen!: string;
  @Field() computedAt!: Date;
}

@ObjectType('DataElementInput')
export class DataElementInputType {
  @Field() month!: string;
  @Field() industry!: string;
  @Field(() => Int) enterprises!: number;
  @Field() billableBytes!: string;
  @Field() chargeFen!: string;
  @Field() savingFen!: string;
}

@ObjectType('MonthClose')
export class MonthCloseType {
  @Field() month!: string;
  @Field({ description: 'false when it had been closed already' }) closed!: boolean;
  @Field(() => Int) enterprises!: number;
}
