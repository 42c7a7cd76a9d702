import { Inject } from '@nestjs/common';
import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentIdentity, Roles, type Identity } from '@valley/platform';
import { EnrollmentQueries } from '../../application/enrollments/enrollment.queries';
import { ProgramQueries } from '../../application/programs/program.queries';
import { ProgramService } from '../../application/programs/program.service';
import type { ProgramAction } from '../../domain/program-workflow';
import { TRACKS } from '../../talent.tokens';
import { toEnrollmentType, toProgramType } from './talent.mapper';
import { EnrollmentType, ProgramInput, ProgramStatusGql, ProgramType } from './talent.types';

/** Programs: administrators run them; an enterprise user sees those its enterprise sponsors. */
@Resolver(() => ProgramType)
export class ProgramResolver {
  constructor(
    private readonly service: ProgramService,
    private readonly queries: ProgramQueries,
    private readonly enrollmentQueries: EnrollmentQueries,
    @Inject(TRACKS) private readonly tracks: readonly string[],
  ) {}

  @Query(() => [String], { description: 'The park\'s training tracks.' })
  talentTracks(): string[] {
    return [...this.tracks];
  }

  @Query(() => ProgramType)
  async program(@Args('id', { type: () => ID }) id: string, @CurrentIdentity() identity: Identity): Promise<ProgramType> {
    return toProgramType(await this.queries.byId(id, identity));
  }

  @Query(() => [ProgramType], { description: 'Newest start first; an enterprise user sees the programs it sponsors.' })
  async programs(
    @CurrentIdentity() identity: Identity,
    @Args('status', { type: () => ProgramStatusGql, nullable: true }) status?: ProgramStatusGql,
    @Args('track', { nullable: true }) track?: string,
  ): Promise<ProgramType[]> {
    return (await this.queries.list({ status: status ?? null, track: track ?? null }, identity)).map(toProgramType);
  }

  @ResolveField(() => [EnrollmentType], { description: 'Seat holders, then the waitlist in order, then drops; trainees by pseudonymous ref.' })
  async enrollments(@Parent() program: ProgramType, @CurrentIdentity() identity: Identity): Promise<EnrollmentType[]> {
    return (await this.enrollmentQueries.ofProgram(program.id, identity)).map(toEnrollmentType);
  }

  @Roles('park-admin')
  @Mutation(() => ProgramType, { description: 'A new program, as a draft.' })
  async createProgram(@Args('input') input: ProgramInput, @CurrentIdentity() identity: Identity): Promise<ProgramType> {
    return toProgramType(await this.service.create(input, identity));
  }

  @Roles('park-admin')
  @Mutation(() => ProgramType, { description: 'Changes a draft\'s details.' })
  async updateProgram(@Args('id', { type: () => ID }) id: string, @Args('input') input: ProgramInput, @CurrentIdentity() identity: Identity): Promise<ProgramType> {
    return toProgramType(await this.service.update(id, input, identity));
  }

  @Roles('park-admin')
  @Mutation(() => ProgramType, { description: 'draft → published; announces program-published.' })
  publishProgram(@Args('id', { type: () => ID }) id: string, @CurrentIdentity() identity: Identity): Promise<ProgramType> {
    return this.step(id, 'publish', identity);
  }

  @Roles('park-admin')
  @Mutation(() => ProgramType, { description: 'published → running.' })
  startProgram(@Args('id', { type: () => ID }) id: string, @CurrentIdentity() identity: Identity): Promise<ProgramType> {
    return this.step(id, 'start', identity);
  }

  @Roles('park-admin')
  @Mutation(() => ProgramType, { description: 'running → finished.' })
  finishProgram(@Args('id', { type: () => ID }) id: string, @CurrentIdentity() identity: Identity): Promise<ProgramType> {
    return this.step(id, 'finish', identity);
  }

  @Roles('park-admin')
  @Mutation(() => ProgramType, { description: 'draft, published or running → cancelled.' })
  cancelProgram(@Args('id', { type: () => ID }) id: string, @CurrentIdentity() identity: Identity): Promise<ProgramType> {
    return this.step(id, 'cancel', identity);
  }

  private async step(id: string, action: ProgramAction, identity: Identity): Promise<ProgramType> {
    return toProgramType(await this.service.transition(id, action, identity));
  }
}
