import { TalentError, TalentErrorCode } from './talent.error';

export type EnrollmentStatus = 'waitlisted' | 'enrolled' | 'completed' | 'dropped';

export const ENROLLMENT_STATUSES: readonly EnrollmentStatus[] = ['waitlisted', 'enrolled', 'completed', 'dropped'];

export type EnrollmentAction = 'promote' | 'complete' | 'drop';

const ENROLLMENT_WORKFLOW: Readonly<Record<EnrollmentAction, { from: readonly EnrollmentStatus[]; to: EnrollmentStatus }>> = {
  promote: { from: ['waitlisted'], to: 'enrolled' },
  complete: { from: ['enrolled'], to: 'completed' },
  drop: { from: ['waitlisted', 'enrolled'], to: 'dropped' },
};

/** waitlisted → enrolled → completed; waitlisted or enrolled → dropped. */
export function nextEnrollmentStatus(from: EnrollmentStatus, action: EnrollmentAction): EnrollmentStatus {
  const rule = ENROLLMENT_WORKFLOW[action];
  if (!rule.from.includes(from)) {
    throw new TalentError(TalentErrorCode.InvalidTransition, `cannot ${action} an enrollment that is ${from}: ${from} → ${rule.to} is not in the workflow`, 'enrollmentId', { from, to: rule.to, action });
  }
  return rule.to;
}

/** A new enrollment takes a seat while one is free; otherwise it queues. Completed trainees keep their seat. */
export function admissionOf(capacity: number, seatsTaken: number): Extract<EnrollmentStatus, 'enrolled' | 'waitlisted'> {
  return seatsTaken < capacity ? 'enrolled' : 'waitlisted';
}

/** Statuses that hold one of the program's seats. */
export const SEAT_HOLDING: readonly EnrollmentStatus[] = ['enrolled', 'completed'];

/** A score is a whole number of points from 0 to 100. */
export function checkScore(score: number): number {
  if (!Number.isInteger(score) || score < 0 || score > 100) throw new TalentError(TalentErrorCode.InvalidInput, 'score: must be a whole number from 0 to 100', 'score');
  return score;
}

/** Certificate numbers: VLY-<year of completion>-<6-digit serial>, unique across the park. */
export function certificateNumber(year: number, serial: number): string {
  return `VLY-${year}-${String(serial).padStart(6, '0')}`;
}
