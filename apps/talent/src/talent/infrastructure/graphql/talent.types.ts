import { Directive, Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum ProgramStatusGql {
  draft = 'draft',
  published = 'published',
  running = 'running',
  finished = 'finished',
  cancelled = 'cancelled',
}
registerEnumType(ProgramStatusGql, { name: 'ProgramStatus' });

export enum EnrollmentStatusGql {
  waitlisted = 'waitlisted',
  enrolled = 'enrolled',
  completed = 'completed',
  dropped = 'dropped',
}
registerEnumType(EnrollmentStatusGql, { name: 'EnrollmentStatus' });

export enum TalentKpiScopeGql {
  park = 'park',
  track = 'track',
  program = 'program',
  industry = 'industry',
}
registerEnumType(TalentKpiScopeGql, { name: 'TalentKpiScope', description: 'industry = the hiring enterprise\'s industry' });

@InputType()
export class ProgramInput {
  @Field() name!: string;
  @Field({ description: 'one of talentTracks' }) track!: string;
  @Field({ nullable: true }) description?: string;
  @Field(() => Int, { description: 'seats; enrollments beyond it wait on the waitlist' }) capacity!: number;
  @Field({ description: 'YYYY-MM-DD' }) startsOn!: string;
  @Field({ description: 'YYYY-MM-DD' }) endsOn!: string;
  @Field(() => [ID], { nullable: true, description: 'resident enterprises sponsoring the program' }) sponsorEnterpriseIds?: string[];
}

@InputType()
export class RegisterTraineeInput {
  @Field() name!: string;
  @Field({ description: 'GB 11643 resident identity number; stored only as a keyed hash and a masked form' }) nationalIdNumber!: string;
  @Field({ description: 'mobile (11 digits, optionally +86) or landline with area code' }) phone!: string;
  @Field({ nullable: true }) email?: string;
  @Field({ description: 'junior-secondary, senior-secondary, vocational, associate, bachelor, master or doctorate' }) education!: string;
}

@InputType()
export class PlaceTraineeInput {
  @Field(() => ID, { description: 'a completed enrollment' }) enrollmentId!: string;
  @Field(() => ID, { description: 'the hiring resident' }) enterpriseId!: string;
  @Field() role!: string;
  @Field({ description: 'YYYY-MM-DD' }) startDate!: string;
}

/** The onboarding service's Enterprise, extended with what talent knows of it. */
@ObjectType('Enterprise')
@Directive('@key(fields: "id")')
export class EnterpriseRefType {
  @Field(() => ID) id!: string;
}

@ObjectType('Program')
export class ProgramType {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field() track!: string;
  @Field() description!: string;
  @Field(() => Int) capacity!: number;
  @Field(() => Int, { description: 'seats held by enrolled and completed trainees' }) seatsTaken!: number;
  @Field(() => Int) waitlisted!: number;
  @Field({ description: 'YYYY-MM-DD' }) startsOn!: string;
  @Field({ description: 'YYYY-MM-DD' }) endsOn!: string;
  @Field(() => ProgramStatusGql) status!: ProgramStatusGql;
  @Field(() => [ID]) sponsorEnterpriseIds!: string[];
  @Field(() => [EnterpriseRefType], { description: 'the sponsors, resolved by the gateway from the enterprise service' }) sponsors!: EnterpriseRefType[];
  @Field() createdAt!: Date;
  @Field() updatedAt!: Date;
  @Field({ nullable: true }) publishedAt?: Date;
}

@ObjectType('Trainee', { description: 'Personal data: administrators only. The national id number itself is never stored.' })
export class TraineeType {
  @Field(() => ID) id!: string;
  @Field({ description: 'the pseudonymous id events and sponsors see' }) ref!: string;
  @Field() name!: string;
  @Field({ description: 'first and last four characters, e.g. 1401**********123X' }) nationalIdMasked!: string;
  @Field() phone!: string;
  @Field({ nullable: true }) email?: string;
  @Field() education!: string;
  @Field() createdAt!: Date;
}

@ObjectType('TraineePage')
export class TraineePageType {
  @Field(() => [TraineeType]) items!: TraineeType[];
  @Field(() => Int) totalCount!: number;
}

@ObjectType('Enrollment')
export class EnrollmentType {
  @Field(() => ID) id!: string;
  @Field(() => ID) programId!: string;
  @Field({ description: 'pseudonymous trainee id' }) traineeRef!: string;
  @Field(() => EnrollmentStatusGql) status!: EnrollmentStatusGql;
  @Field(() => Int, { nullable: true, description: '1 for the next in line; only while waitlisted' }) waitlistPosition?: number;
  @Field() requestedAt!: Date;
  @Field({ nullable: true }) enrolledAt?: Date;
  @Field({ nullable: true }) completedAt?: Date;
  @Field({ nullable: true }) droppedAt?: Date;
  @Field(() => Int, { nullable: true, description: '0 to 100' }) score?: number;
  @Field({ nullable: true }) certificateNo?: string;
}

@ObjectType('EnrollmentDrop')
export class EnrollmentDropType {
  @Field(() => EnrollmentType) dropped!: EnrollmentType;
  @Field(() => EnrollmentType, { nullable: true, description: 'the first of the waitlist, enrolled in the freed seat' }) promoted?: EnrollmentType;
}

@ObjectType('Placement')
export class PlacementType {
  @Field(() => ID) id!: string;
  @Field(() => ID) enrollmentId!: string;
  @Field(() => ID) programId!: string;
  @Field({ description: 'pseudonymous trainee id' }) traineeRef!: string;
  @Field(() => ID) enterpriseId!: string;
  @Field(() => EnterpriseRefType, { description: 'the hiring enterprise, resolved by the gateway from the enterprise service' }) enterprise!: EnterpriseRefType;
  @Field({ description: 'the hiring enterprise\'s industry when it hired' }) industry!: string;
  @Field() role!: string;
  @Field({ description: 'YYYY-MM-DD' }) startDate!: string;
  @Field() placedAt!: Date;
}

@ObjectType('TalentKpi')
export class TalentKpiType {
  @Field({ description: '"park", a track, a program id or an industry' }) key!: string;
  @Field({ description: 'the program\'s name, else the key' }) label!: string;
  @Field(() => Int, { nullable: true, description: 'trainees who ever held a seat; null by industry' }) trained?: number;
  @Field(() => Int, { nullable: true, description: 'null by industry' }) completed?: number;
  @Field(() => Int) placed!: number;
  @Field({ nullable: true, description: 'completed ÷ trained, percent, 2 decimals rounded half up; null without trainees' }) completionRate?: string;
  @Field({ nullable: true, description: 'placed ÷ completed, percent, 2 decimals rounded half up (by industry: of all completions in scope); null without completions' }) placementRate?: string;
}
