import { TalentError, TalentErrorCode } from './talent.error';

export const EDUCATION_LEVELS = ['junior-secondary', 'senior-secondary', 'vocational', 'associate', 'bachelor', 'master', 'doctorate'] as const;
export type EducationLevel = (typeof EDUCATION_LEVELS)[number];

export interface TraineeContactInput {
  name: string;
  phone: string;
  email?: string | null;
  education: string;
}

export interface TraineeContact {
  name: string;
  phone: string;
  email: string | null;
  education: EducationLevel;
}

const MOBILE = /^(\+86)?1[3-9][0-9]{9}$/;
const LANDLINE = /^0[0-9]{2,3}[0-9]{7,8}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
// Control characters in names and addresses are refused: PostgreSQL rejects NUL, and none belongs there.
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * Name and contact of a trainee: personal data. Messages say what is wrong
 * and never repeat the value.
 */
export function checkTraineeContact(input: TraineeContactInput): TraineeContact {
  const name = input.name?.trim() ?? '';
  if (name.length < 1 || name.length > 100 || CONTROL.test(name)) invalid('name', 'name: 1 to 100 characters, no control characters');
  const phone = (input.phone ?? '').replace(/[\s-]/g, '');
  if (!MOBILE.test(phone) && !LANDLINE.test(phone)) invalid('phone', 'phone: a mainland mobile number (11 digits, optionally +86) or a landline with its area code');
  const email = input.email?.trim() || null;
  if (email !== null && (email.length > 254 || !EMAIL.test(email) || CONTROL.test(email))) invalid('email', 'email: not an email address');
  const education = input.education?.trim() as EducationLevel;
  if (!EDUCATION_LEVELS.includes(education)) invalid('education', `education: one of ${EDUCATION_LEVELS.join(', ')}`);
  return { name, phone, email, education };
}

/** The pseudonymous id events carry: from the trainee record's random id, never from anything personal. */
export function traineeRefOf(traineeId: string): string {
  return `trn_${traineeId.replace(/-/g, '').toLowerCase()}`;
}

/** The trainee id behind a pseudonymous ref, or undefined when `ref` is not one. */
export function traineeIdOfRef(ref: string): string | undefined {
  const match = /^trn_([0-9a-f]{8})([0-9a-f]{4})([0-9a-f]{4})([0-9a-f]{4})([0-9a-f]{12})$/.exec(ref.trim());
  return match ? match.slice(1).join('-') : undefined;
}

function invalid(field: string, message: string): never {
  throw new TalentError(TalentErrorCode.InvalidInput, message, field);
}
