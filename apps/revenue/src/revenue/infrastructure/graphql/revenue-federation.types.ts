import { Field, ID, Int, ObjectType } from '@nestjs/graphql';

export { EnterpriseRefType, ParkDashboardRefType } from '@valley/platform';

@ObjectType('DashboardRevenueFigure', { description: 'Since the park began, over accepted reports paired with a charge (the multiplier\'s basis).' })
export class DashboardRevenueFigureType {
  @Field({ description: '"park" or an industry' }) key!: string;
  @Field({ description: 'cumulative revenue, integer fen as a decimal string' }) revenueFen!: string;
  @Field({ description: 'cumulative data-element input, integer fen as a decimal string' }) inputFen!: string;
  @Field({ nullable: true, description: 'revenue ÷ input, 2 decimals rounded half up; null without input' }) multiplier?: string;
  @Field(() => Int, { description: 'enterprises with at least one paired month' }) enterprises!: number;
}

@ObjectType('DashboardOverdueReport', { description: 'A month an enterprise has not reported although its deadline has passed.' })
export class DashboardOverdueReportType {
  @Field(() => ID) enterpriseId!: string;
  @Field() enterpriseName!: string;
  @Field() industry!: string;
  @Field({ description: 'YYYY-MM, Asia/Shanghai' }) month!: string;
  @Field({ description: 'YYYY-MM-DD, the last day to report' }) deadline!: string;
  @Field({ description: 'when the overdue notice was raised' }) raisedAt!: Date;
}
