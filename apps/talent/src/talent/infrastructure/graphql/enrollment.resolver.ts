import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentIdentity, Roles, type Identity } from '@valley/platform';
import { EnrollmentQueries } from '../../application/enrollments/enrollment.queries';
import { EnrollmentService } from '../../application/enrollments/enrollment.service';
import { toEnrollmentType } from './talent.mapper';
import { EnrollmentDropType, EnrollmentType } from './talent.types';

/** Seats: administrators enroll, drop and record completions; sponsors read their programs' enrollments. */
@Resolver(() => EnrollmentType)
export class EnrollmentResolver {
  constructor(
    private readonly service: EnrollmentService,
    private readonly queries: EnrollmentQueries,
  ) {}

  @Query(() => EnrollmentType)
  async enrollment(@Args('id', { type: () => ID }) id: string, @CurrentIdentity() identity: Identity): Promise<EnrollmentType> {
    return toEnrollmentType(await this.queries.byId(id, identity));
  }

  @Roles('park-admin')
  @Mutation(() => EnrollmentType, { description: 'Takes a free seat, or joins the end of the waitlist when the program is full.' })
  async enrollTrainee(@Args('programId', { type: () => ID }) programId: string, @Args('traineeId', { type: () => ID }) traineeId: string, @CurrentIdentity() identity: Identity): Promise<EnrollmentType> {
    return toEnrollmentType(await this.service.enroll(programId, traineeId, identity));
  }

  @Roles('park-admin')
  @Mutation(() => EnrollmentDropType, { description: 'Drops an enrolled or waitlisted trainee; a freed seat goes to the first of the waitlist.' })
  async dropEnrollment(@Args('enrollmentId', { type: () => ID }) enrollmentId: string, @CurrentIdentity() identity: Identity): Promise<EnrollmentDropType> {
    const outcome = await this.service.drop(enrollmentId, identity);
    return { dropped: toEnrollmentType(outcome.dropped), ...(outcome.promoted ? { promoted: toEnrollmentType(outcome.promoted) } : {}) };
  }

  @Roles('park-admin')
  @Mutation(() => EnrollmentType, { description: 'Completion with a score (0–100); issues the certificate number.' })
  async completeEnrollment(@Args('enrollmentId', { type: () => ID }) enrollmentId: string, @Args('score', { type: () => Int }) score: number, @CurrentIdentity() identity: Identity): Promise<EnrollmentType> {
    return toEnrollmentType(await this.service.complete(enrollmentId, score, identity));
  }
}
