import { Directive, Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { EnterpriseStatusGql } from './enterprise.type';

@ObjectType('DashboardStatusCount')
export class DashboardStatusCountType {
  @Field(() => EnterpriseStatusGql) status!: EnterpriseStatusGql;
  @Field(() => Int) count!: number;
}

@ObjectType('DashboardIndustryCount')
export class DashboardIndustryCountType {
  @Field() industry!: string;
  @Field(() => Int) count!: number;
}

/**
 * The park's dashboard for administrators: an entity so that the provisioning,
 * revenue and talent subgraphs add their figures to it, and the gateway answers
 * the whole dashboard in one request. There is one: its id is always "park".
 */
@ObjectType('ParkDashboard')
@Directive('@key(fields: "id")')
export class ParkDashboardType {
  @Field(() => ID, { description: 'always "park"' }) id!: string;
}
