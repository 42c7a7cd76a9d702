import { TalentError, TalentErrorCode } from './talent.error';

export type ProgramStatus = 'draft' | 'published' | 'running' | 'finished' | 'cancelled';

export const PROGRAM_STATUSES: readonly ProgramStatus[] = ['draft', 'published', 'running', 'finished', 'cancelled'];

export type ProgramAction = 'publish' | 'start' | 'finish' | 'cancel';

interface Rule {
  from: readonly ProgramStatus[];
  to: ProgramStatus;
}

/** draft → published → running → finished, or cancelled before it finishes. Nothing else. */
const PROGRAM_WORKFLOW: Readonly<Record<ProgramAction, Rule>> = {
  publish: { from: ['draft'], to: 'published' },
  start: { from: ['published'], to: 'running' },
  finish: { from: ['running'], to: 'finished' },
  cancel: { from: ['draft', 'published', 'running'], to: 'cancelled' },
};

/** The status `action` leads to from `from`; INVALID_TRANSITION, naming both, when the workflow has no such step. */
export function nextProgramStatus(from: ProgramStatus, action: ProgramAction): ProgramStatus {
  const rule = PROGRAM_WORKFLOW[action];
  if (!rule.from.includes(from)) {
    throw new TalentError(TalentErrorCode.InvalidTransition, `cannot ${action} a program that is ${from}: ${from} → ${rule.to} is not in the workflow`, 'programId', { from, to: rule.to, action });
  }
  return rule.to;
}

/** Details (name, dates, capacity, sponsors) change only while nobody has seen the program. */
export function canEditDetails(status: ProgramStatus): boolean {
  return status === 'draft';
}

/** Trainees join (or queue for) a program once it is published and until it ends. */
export function acceptsEnrollments(status: ProgramStatus): boolean {
  return status === 'published' || status === 'running';
}

/** Completion is recorded while the program runs and after it finished. */
export function acceptsCompletions(status: ProgramStatus): boolean {
  return status === 'running' || status === 'finished';
}
