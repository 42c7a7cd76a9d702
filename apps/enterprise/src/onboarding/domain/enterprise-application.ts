import type { EnterpriseStatus } from './enterprise-lifecycle';
import { OnboardingError, OnboardingErrorCode } from './onboarding.error';
import { parseUscc } from './uscc';

export interface ApplicationDetails {
  name: string;
  uscc: string;
  legalRepresentative: string;
  contactPhone: string;
  contactEmail: string;
  industry: string;
  registeredCapitalFen: bigint;
  plannedBandwidthMbps: number;
  plannedMonthlyTrafficBytes: bigint;
  headcount: number;
}

/** An enterprise, from its application on: the aggregate the lifecycle moves. */
export interface Enterprise extends ApplicationDetails {
  id: string;
  status: EnterpriseStatus;
  /** The user who applied (opaque id): may follow and amend the application. */
  applicantSubject: string;
  reviewerSubject?: string;
  /** Set on approval: the first month the enterprise is a resident (Asia/Shanghai). */
  admittedMonth?: string;
  exitDate?: string;
  submittedAt: Date;
  updatedAt: Date;
}

const MOBILE = /^1[3-9][0-9]{9}$/;
const LANDLINE = /^0[0-9]{2,3}-?[0-9]{7,8}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function invalid(field: string, message: string): never {
  throw new OnboardingError(OnboardingErrorCode.InvalidInput, `${field}: ${message}`, field);
}

/** Checks an application and returns it normalised; throws OnboardingError naming the field. */
export function validateApplication(input: ApplicationDetails, industries: readonly string[]): ApplicationDetails {
  const uscc = parseUscc(input.uscc);
  if (!uscc.ok) throw new OnboardingError(OnboardingErrorCode.InvalidUscc, `uscc: ${uscc.message}`, 'uscc', { problem: uscc.problem });
  const name = input.name.trim();
  if (name.length < 2 || name.length > 200) invalid('name', 'must be 2 to 200 characters');
  const legalRepresentative = input.legalRepresentative.trim();
  if (legalRepresentative.length < 2 || legalRepresentative.length > 50) invalid('legalRepresentative', 'must be 2 to 50 characters');
  const contactPhone = input.contactPhone.replace(/\s/g, '');
  if (!MOBILE.test(contactPhone) && !LANDLINE.test(contactPhone)) invalid('contactPhone', 'must be a mainland mobile (11 digits) or landline number');
  const contactEmail = input.contactEmail.trim().toLowerCase();
  if (!EMAIL.test(contactEmail) || contactEmail.length > 254) invalid('contactEmail', 'must be an email address');
  if (!industries.includes(input.industry)) invalid('industry', `must be one of: ${industries.join(', ')}`);
  if (input.registeredCapitalFen < 0n) invalid('registeredCapitalFen', 'must not be negative');
  if (!Number.isInteger(input.plannedBandwidthMbps) || input.plannedBandwidthMbps < 1 || input.plannedBandwidthMbps > 1_000_000) invalid('plannedBandwidthMbps', 'must be a whole number from 1 to 1,000,000');
  if (input.plannedMonthlyTrafficBytes < 0n) invalid('plannedMonthlyTrafficBytes', 'must not be negative');
  if (!Number.isInteger(input.headcount) || input.headcount < 0) invalid('headcount', 'must be a whole number, zero or more');
  return { ...input, uscc: uscc.value, name, legalRepresentative, contactPhone, contactEmail };
}
