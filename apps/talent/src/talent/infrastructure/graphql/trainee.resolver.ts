import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentIdentity, Roles, type Identity } from '@valley/platform';
import { TraineeQueries } from '../../application/trainees/trainee.queries';
import { TraineeService } from '../../application/trainees/trainee.service';
import { toTraineeType } from './talent.mapper';
import { RegisterTraineeInput, TraineePageType, TraineeType } from './talent.types';

/** Trainees are personal data: administrators only. */
@Roles('park-admin')
@Resolver(() => TraineeType)
export class TraineeResolver {
  constructor(
    private readonly service: TraineeService,
    private readonly queries: TraineeQueries,
  ) {}

  @Mutation(() => TraineeType, { description: 'One record per person: a national id number already registered is DUPLICATE_TRAINEE.' })
  async registerTrainee(@Args('input') input: RegisterTraineeInput, @CurrentIdentity() identity: Identity): Promise<TraineeType> {
    return toTraineeType(await this.service.register(input, identity));
  }

  @Query(() => TraineeType, { description: 'By id or by pseudonymous ref (trn_…).' })
  async trainee(@Args('id', { type: () => ID }) id: string, @CurrentIdentity() identity: Identity): Promise<TraineeType> {
    return toTraineeType(await this.queries.byIdOrRef(id, identity));
  }

  @Query(() => TraineeType, { nullable: true, description: 'Whether a person is registered, matched by the keyed hash of the number.' })
  async traineeByNationalId(@Args('nationalIdNumber') nationalIdNumber: string, @CurrentIdentity() identity: Identity): Promise<TraineeType | null> {
    const found = await this.queries.byNationalId(nationalIdNumber, identity);
    return found ? toTraineeType(found) : null;
  }

  @Query(() => TraineePageType, { description: 'Newest first.' })
  async trainees(
    @CurrentIdentity() identity: Identity,
    @Args('first', { type: () => Int, defaultValue: 20 }) first: number,
    @Args('offset', { type: () => Int, defaultValue: 0 }) offset: number,
  ): Promise<TraineePageType> {
    const page = await this.queries.list(first, offset, identity);
    return { items: page.items.map(toTraineeType), totalCount: page.totalCount };
  }
}
