import { Directive, Field, ID, ObjectType } from '@nestjs/graphql';

/** The onboarding service's ParkDashboard, extended with the talent figures. */
@ObjectType('ParkDashboard')
@Directive('@key(fields: "id")')
export class ParkDashboardRefType {
  @Field(() => ID) id!: string;
}
