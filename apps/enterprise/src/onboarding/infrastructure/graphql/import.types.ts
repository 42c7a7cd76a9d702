import { Field, InputType, Int, ObjectType } from '@nestjs/graphql';

@InputType({ description: 'One row of the park register, as text; `line` is where it stands in the file.' })
export class ImportRowInput {
  @Field(() => Int) line!: number;
  @Field() uscc!: string;
  @Field() name!: string;
  @Field() legalRepresentative!: string;
  @Field() contactPhone!: string;
  @Field() contactEmail!: string;
  @Field() industry!: string;
  @Field() registeredCapitalFen!: string;
  @Field() plannedBandwidthMbps!: string;
  @Field() plannedMonthlyTrafficBytes!: string;
  @Field() headcount!: string;
  @Field({ nullable: true, description: 'YYYY-MM; empty means this month' }) admittedMonth?: string;
}

@ObjectType('ImportRowError')
export class ImportRowErrorType {
  @Field(() => Int) line!: number;
  @Field() field!: string;
  @Field() reason!: string;
}

@ObjectType('ImportSummary')
export class ImportSummaryType {
  @Field(() => Int) imported!: number;
  @Field(() => Int, { description: 'rows whose USCC already has a live record: left as they are' }) alreadyPresent!: number;
  @Field(() => Int) failed!: number;
  @Field(() => [ImportRowErrorType]) errors!: ImportRowErrorType[];
}
