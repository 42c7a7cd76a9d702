import { Module, type DynamicModule } from '@nestjs/common';
import { EnrollmentQueries } from './application/enrollments/enrollment.queries';
import { EnrollmentService } from './application/enrollments/enrollment.service';
import { KpiQueries } from './application/kpis/kpi.queries';
import { PlacementQueries } from './application/placements/placement.queries';
import { PlacementService } from './application/placements/placement.service';
import { ProgramQueries } from './application/programs/program.queries';
import { ProgramService } from './application/programs/program.service';
import { NationalIdHasher } from './application/trainees/national-id-hasher';
import { TraineeQueries } from './application/trainees/trainee.queries';
import { TraineeService } from './application/trainees/trainee.service';
import { EnrollmentResolver } from './infrastructure/graphql/enrollment.resolver';
import { EnterpriseTalentResolver } from './infrastructure/graphql/enterprise.resolver';
import { ParkDashboardTalentResolver } from './infrastructure/graphql/park-dashboard-talent.resolver';
import { PlacementResolver } from './infrastructure/graphql/placement.resolver';
import { ProgramResolver } from './infrastructure/graphql/program.resolver';
import { TraineeResolver } from './infrastructure/graphql/trainee.resolver';
import { TalentProjectionsConsumer } from './infrastructure/messaging/talent-projections.consumer';
import { CONSUMER_GROUP_PREFIX, ID_HASH_SECRET, TRACKS } from './talent.tokens';

@Module({})
export class TalentModule {
  static forRoot(options: { consumerGroupPrefix: string; tracks: readonly string[]; idHashSecret: string }): DynamicModule {
    return {
      module: TalentModule,
      providers: [
        { provide: CONSUMER_GROUP_PREFIX, useValue: options.consumerGroupPrefix },
        { provide: TRACKS, useValue: options.tracks },
        { provide: ID_HASH_SECRET, useValue: options.idHashSecret },
        NationalIdHasher,
        ProgramService,
        ProgramQueries,
        TraineeService,
        TraineeQueries,
        EnrollmentService,
        EnrollmentQueries,
        PlacementService,
        PlacementQueries,
        KpiQueries,
        ProgramResolver,
        TraineeResolver,
        EnrollmentResolver,
        PlacementResolver,
        EnterpriseTalentResolver,
        ParkDashboardTalentResolver,
        TalentProjectionsConsumer,
      ],
    };
  }
}
