import { Directive, Field, ID, ObjectType } from '@nestjs/graphql';

/** The API shape of an enterprise: contacts and legal representative stay out of it for now. */
@ObjectType('Enterprise')
@Directive('@key(fields: "id")')
export class EnterpriseType {
  @Field(() => ID) id!: string;
  @Field() uscc!: string;
  @Field() name!: string;
  @Field() industry!: string;
  @Field() status!: string;
  @Field({ description: 'integer fen as a decimal string' }) registeredCapitalFen!: string;
  @Field() plannedBandwidthMbps!: number;
  @Field({ description: 'integer bytes as a decimal string' }) plannedMonthlyTrafficBytes!: string;
  @Field() submittedAt!: Date;
}
