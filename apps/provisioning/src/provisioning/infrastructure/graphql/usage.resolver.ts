import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { DataSource } from 'typeorm';
import { CurrentIdentity, Roles, type Identity } from '@valley/platform';
import { ChargeService } from '../../application/charges/charge.service';
import { UsageQueries } from '../../application/usage/usage-queries';
import { UsageUploadService } from '../../application/usage/usage-upload.service';
import { toMonthUsageType } from './usage.mapper';
import { DataElementInputType, MonthCloseType, MonthlyChargeType, MonthUsageType, UsageRecordInput, UsageUploadResultType } from './usage.types';

/** Usage, quota and charges: administrators see all; an enterprise user its own. */
@Resolver()
export class UsageResolver {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queries: UsageQueries,
    private readonly uploads: UsageUploadService,
    private readonly charges: ChargeService,
  ) {}

  @Roles('park-admin')
  @Mutation(() => UsageUploadResultType, { description: 'Up to 1,000 carrier records, through the same path as the carriers\' topic.' })
  uploadUsageRecords(@Args('records', { type: () => [UsageRecordInput] }) records: UsageRecordInput[], @CurrentIdentity() identity: Identity): Promise<UsageUploadResultType> {
    return this.uploads.upload(records.map((r) => ({ ...r })), identity);
  }

  @Roles('park-admin')
  @Mutation(() => MonthCloseType, { description: 'Closes a past month on demand (it also closes itself after the month ends).' })
  async closeMonth(@Args('month') month: string): Promise<MonthCloseType> {
    const result = await this.dataSource.transaction((m) => this.charges.closeMonth(m, month));
    return { month, ...result };
  }

  @Query(() => MonthUsageType, { description: 'One enterprise\'s usage in a month, by day, against its quota.' })
  async usage(@Args('enterpriseId', { type: () => ID }) enterpriseId: string, @Args('month') month: string, @CurrentIdentity() identity: Identity): Promise<MonthUsageType> {
    return toMonthUsageType(await this.queries.usage(enterpriseId, month, identity));
  }

  @Query(() => [MonthlyChargeType], { description: 'A month\'s charges (latest revision each).' })
  monthlyCharges(@Args('month') month: string, @CurrentIdentity() identity: Identity): Promise<MonthlyChargeType[]> {
    return this.queries.charges(month, identity);
  }

  @Roles('park-admin')
  @Query(() => [DataElementInputType], { description: 'Park-wide data-element input by month and industry.' })
  dataElementInput(@Args('fromMonth') fromMonth: string, @Args('toMonth') toMonth: string, @CurrentIdentity() identity: Identity): Promise<DataElementInputType[]> {
    return this.queries.inputByIndustry(fromMonth, toMonth, identity);
  }
}
