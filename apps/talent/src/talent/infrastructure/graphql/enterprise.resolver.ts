import { Context, Parent, ResolveField, ResolveReference, Resolver } from '@nestjs/graphql';
import { CurrentIdentity, identityOf, type Identity, type IdentityContext } from '@valley/platform';
import { PlacementQueries } from '../../application/placements/placement.queries';
import { ProgramQueries } from '../../application/programs/program.queries';
import { toPlacementType, toProgramType } from './talent.mapper';
import { EnterpriseRefType, PlacementType, ProgramType } from './talent.types';

/**
 * The onboarding service owns Enterprise; through the gateway this adds what
 * talent knows of one. An enterprise user gets these fields for its own
 * enterprise only; administrators for any.
 */
@Resolver(() => EnterpriseRefType)
export class EnterpriseTalentResolver {
  constructor(
    private readonly programs: ProgramQueries,
    private readonly placementQueries: PlacementQueries,
  ) {}

  /** Federation's entity lookup: nothing to load here, but never without a verified caller. */
  @ResolveReference()
  resolveReference(@Parent() reference: { id: string }, @Context() context: Partial<IdentityContext>): EnterpriseRefType {
    identityOf(context);
    return { id: reference.id };
  }

  @ResolveField(() => [ProgramType], { description: 'The talent programs this enterprise sponsors.' })
  async sponsoredPrograms(@Parent() enterprise: EnterpriseRefType, @CurrentIdentity() identity: Identity): Promise<ProgramType[]> {
    return (await this.programs.sponsoredBy(enterprise.id, identity)).map(toProgramType);
  }

  @ResolveField(() => [PlacementType], { description: 'The trainees this enterprise hired.' })
  async placements(@Parent() enterprise: EnterpriseRefType, @CurrentIdentity() identity: Identity): Promise<PlacementType[]> {
    return (await this.placementQueries.madeBy(enterprise.id, identity)).map(toPlacementType);
  }
}
