import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum MultiplierScopeGql {
  park = 'park',
  industry = 'industry',
  enterprise = 'enterprise',
}
registerEnumType(MultiplierScopeGql, { name: 'MultiplierScope' });

@InputType()
export class ReportLineInput {
  @Field() line!: string;
  @Field({ description: 'integer fen as a decimal string' }) amountFen!: string;
}

@InputType()
export class ReportFiguresInput {
  @Field({ description: 'operating revenue, integer fen as a decimal string' }) revenueFen!: string;
  @Field({ description: 'tax paid, integer fen as a decimal string' }) taxFen!: string;
  @Field(() => Int, { description: 'employees at month end' }) employees!: number;
  @Field(() => Int, { description: 'of whom local hires' }) localHires!: number;
  @Field(() => [ReportLineInput], { description: 'revenue by line; must add up to revenueFen' }) lines!: ReportLineInput[];
}

@ObjectType('ReportLine')
export class ReportLineType {
  @Field() line!: string;
  @Field() amountFen!: string;
}

@ObjectType('ReportVersion')
export class ReportVersionType {
  @Field(() => Int) version!: number;
  @Field({ description: 'draft, submission or amendment' }) kind!: string;
  @Field() revenueFen!: string;
  @Field() taxFen!: string;
  @Field(() => Int) employees!: number;
  @Field(() => Int) localHires!: number;
  @Field(() => [ReportLineType]) lines!: ReportLineType[];
  @Field({ nullable: true }) reason?: string;
  @Field() author!: string;
  @Field() createdAt!: Date;
}

@ObjectType('RevenueReport')
export class RevenueReportType {
  @Field(() => ID) id!: string;
  @Field(() => ID) enterpriseId!: string;
  @Field() month!: string;
  @Field({ description: 'draft, submitted, accepted or returned' }) status!: string;
  @Field(() => Int) currentVersion!: number;
  @Field(() => Int, { nullable: true, description: 'the version the figures use' }) acceptedVersion?: number;
  @Field({ nullable: true }) reviewComment?: string;
  @Field({ nullable: true, description: 'why the report is flagged for review: revenue and data usage moving apart' }) anomaly?: string;
  @Field(() => [ReportVersionType], { description: 'every version, oldest first' }) versions!: ReportVersionType[];
}

@ObjectType('MissingReport')
export class MissingReportType {
  @Field(() => ID) enterpriseId!: string;
  @Field() name!: string;
  @Field() industry!: string;
}

@ObjectType('MultiplierMonth')
export class MultiplierMonthType {
  @Field() month!: string;
  @Field() revenueFen!: string;
  @Field() inputFen!: string;
  @Field({ nullable: true, description: 'revenue ÷ input, rounded for display; null without input' }) multiplier?: string;
}

@ObjectType('MultiplierLineage')
export class MultiplierLineageType {
  @Field(() => ID) enterpriseId!: string;
  @Field() month!: string;
  @Field(() => Int) reportVersion!: number;
  @Field(() => Int) chargeRevision!: number;
}

@ObjectType('Multiplier')
export class MultiplierType {
  @Field({ description: '"park", an industry, or an enterprise id' }) key!: string;
  @Field({ description: 'cumulative revenue, integer fen' }) revenueFen!: string;
  @Field({ description: 'cumulative data-element input, integer fen' }) inputFen!: string;
  @Field({ nullable: true }) multiplier?: string;
  @Field(() => Int, { description: 'reporting enterprises' }) enterprises!: number;
  @Field(() => [MultiplierMonthType]) series!: MultiplierMonthType[];
  @Field(() => [MultiplierLineageType], { description: 'the report versions and charge revisions summed (first 500)' }) lineage!: MultiplierLineageType[];
}
