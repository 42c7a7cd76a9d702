import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { CurrentIdentity, Roles, type Identity } from '@valley/platform';
import { ImportResidentsHandler } from '../../application/import-residents/import-residents.handler';
import { MAX_IMPORT_ROWS } from '../../application/import-residents/import-row';
import { OnboardingError, OnboardingErrorCode } from '../../domain/onboarding.error';
import { parseRegisterCsv } from '../csv/register-csv';
import { ImportRowInput, ImportSummaryType } from './import.types';

/** ~1,000 rows of a register; larger files go through `npm run import:enterprises`, in parts. */
const MAX_CSV_CHARS = 512 * 1024;

@Resolver()
export class ImportResolver {
  constructor(private readonly importer: ImportResidentsHandler) {}

  @Roles('park-admin')
  @Mutation(() => ImportSummaryType, { description: `Imports existing residents, idempotent by USCC; at most ${MAX_IMPORT_ROWS} rows a call.` })
  importResidents(@Args('rows', { type: () => [ImportRowInput] }) rows: ImportRowInput[], @CurrentIdentity() identity: Identity): Promise<ImportSummaryType> {
    return this.importer.execute(rows, identity);
  }

  @Roles('park-admin')
  @Mutation(() => ImportSummaryType, { description: 'Imports a register CSV (header row; see the README for its columns).' })
  async importResidentsCsv(@Args('csv') csv: string, @CurrentIdentity() identity: Identity): Promise<ImportSummaryType> {
    if (csv.length > MAX_CSV_CHARS) throw new OnboardingError(OnboardingErrorCode.InvalidInput, `csv: at most ${MAX_CSV_CHARS} characters; use npm run import:enterprises for larger files`, 'csv');
    const parsed = parseRegisterCsv(csv);
    const summary = await this.importer.execute(parsed.rows, identity);
    const errors = [...parsed.errors, ...summary.errors].sort((a, b) => a.line - b.line);
    return { ...summary, failed: summary.failed + parsed.errors.length, errors };
  }
}
