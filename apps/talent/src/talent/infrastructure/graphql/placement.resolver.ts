import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentIdentity, type Identity } from '@valley/platform';
import { KpiQueries } from '../../application/kpis/kpi.queries';
import { PlacementQueries } from '../../application/placements/placement.queries';
import { PlacementService } from '../../application/placements/placement.service';
import { toKpiType, toPlacementType } from './talent.mapper';
import { PlaceTraineeInput, PlacementType, TalentKpiScopeGql, TalentKpiType } from './talent.types';

/** Placements and the figures they feed: administrators see the park, an enterprise user its own. */
@Resolver(() => PlacementType)
export class PlacementResolver {
  constructor(
    private readonly service: PlacementService,
    private readonly queries: PlacementQueries,
    private readonly kpis: KpiQueries,
  ) {}

  @Mutation(() => PlacementType, { description: 'A completed trainee hired by a resident: administrators for any, an enterprise user for its own from the programs it sponsors.' })
  async placeTrainee(@Args('input') input: PlaceTraineeInput, @CurrentIdentity() identity: Identity): Promise<PlacementType> {
    return toPlacementType(await this.service.place(input, identity));
  }

  @Query(() => [PlacementType], { description: 'Newest first; an enterprise user sees the placements it made.' })
  async placements(
    @CurrentIdentity() identity: Identity,
    @Args('enterpriseId', { type: () => ID, nullable: true }) enterpriseId?: string,
    @Args('programId', { type: () => ID, nullable: true }) programId?: string,
  ): Promise<PlacementType[]> {
    return (await this.queries.list({ enterpriseId: enterpriseId ?? null, programId: programId ?? null }, identity)).map(toPlacementType);
  }

  @Query(() => [TalentKpiType], { description: 'Trained, completed, placed and the rates; an enterprise user over the programs it sponsors.' })
  async talentKpis(
    @Args('scope', { type: () => TalentKpiScopeGql }) scope: TalentKpiScopeGql,
    @CurrentIdentity() identity: Identity,
    @Args('track', { nullable: true }) track?: string,
  ): Promise<TalentKpiType[]> {
    return (await this.kpis.figures(scope, identity, track ?? null)).map(toKpiType);
  }
}
