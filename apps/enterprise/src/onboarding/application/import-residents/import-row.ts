import { parkMonthOf } from '@valley/contracts';
import { validateApplication, type ApplicationDetails } from '../../domain/enterprise-application';
import { OnboardingError, OnboardingErrorCode } from '../../domain/onboarding.error';

/** One row of the park's register as read (all text), with the line it came from. */
export interface ImportRow {
  line: number;
  uscc: string;
  name: string;
  legalRepresentative: string;
  contactPhone: string;
  contactEmail: string;
  industry: string;
  registeredCapitalFen: string;
  plannedBandwidthMbps: string;
  plannedMonthlyTrafficBytes: string;
  headcount: string;
  /** YYYY-MM; empty means this month. */
  admittedMonth?: string;
}

export interface ImportRowError {
  line: number;
  field: string;
  reason: string;
}

export const MAX_IMPORT_ROWS = 1000;

function invalid(field: string, reason: string): never {
  throw new OnboardingError(OnboardingErrorCode.InvalidInput, `${field}: ${reason}`, field);
}

function wholeNumber(field: string, value: string, max = Number.MAX_SAFE_INTEGER): number {
  const text = value.trim();
  if (!/^(0|[1-9][0-9]*)$/.test(text) || Number(text) > max) invalid(field, 'must be a whole number');
  return Number(text);
}

function bigWhole(field: string, value: string): bigint {
  const text = value.trim();
  if (!/^(0|[1-9][0-9]{0,24})$/.test(text)) invalid(field, 'must be a non-negative whole number (fen or bytes, no decimals)');
  return BigInt(text);
}

/** A row as an application of a resident, or an OnboardingError naming the field. */
export function readImportRow(row: ImportRow, industries: readonly string[], now: Date): { details: ApplicationDetails; admittedMonth: string } {
  const details = validateApplication(
    {
      uscc: row.uscc,
      name: row.name,
      legalRepresentative: row.legalRepresentative,
      contactPhone: row.contactPhone,
      contactEmail: row.contactEmail,
      industry: row.industry.trim(),
      registeredCapitalFen: bigWhole('registeredCapitalFen', row.registeredCapitalFen),
      plannedBandwidthMbps: wholeNumber('plannedBandwidthMbps', row.plannedBandwidthMbps, 1_000_000),
      plannedMonthlyTrafficBytes: bigWhole('plannedMonthlyTrafficBytes', row.plannedMonthlyTrafficBytes),
      headcount: wholeNumber('headcount', row.headcount, 10_000_000),
    },
    industries,
  );
  const thisMonth = parkMonthOf(now);
  const admittedMonth = row.admittedMonth?.trim() || thisMonth;
  if (!/^[0-9]{4}-(0[1-9]|1[0-2])$/.test(admittedMonth)) invalid('admittedMonth', 'must be YYYY-MM');
  if (admittedMonth > thisMonth) invalid('admittedMonth', `must not be after this month (${thisMonth})`);
  return { details, admittedMonth };
}
