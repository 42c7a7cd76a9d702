import { Field, InputType } from '@nestjs/graphql';
import { PartnerKindGql } from './partner.type';

@InputType()
export class RegisterPartnerInput {
  @Field() name!: string;
  @Field(() => PartnerKindGql) kind!: PartnerKindGql;
  @Field(() => [String], { description: 'public topics it may read (a carrier may read none)' }) topics!: string[];
}
