import { Directive, Field, ID, ObjectType } from '@nestjs/graphql';

/**
 * Entities the enterprise service owns, as a subgraph that only extends them
 * declares them: the key and nothing else. A service adds its fields with
 * @ResolveField on a resolver of this type and passes the class in
 * `orphanedTypes` (code first drops types nothing references).
 */
@ObjectType('Enterprise')
@Directive('@key(fields: "id")')
export class EnterpriseRefType {
  @Field(() => ID) id!: string;
}

/** The park dashboard (`id` is always "park"), which each subgraph extends with its figures. */
@ObjectType('ParkDashboard')
@Directive('@key(fields: "id")')
export class ParkDashboardRefType {
  @Field(() => ID) id!: string;
}
