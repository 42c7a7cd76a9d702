import { parkMonthOf } from '@valley/contracts';
import { FIRST_RECORDED_MONTH, parseMonth } from './month';
import { RevenueError, RevenueErrorCode } from './revenue.error';

/** What the revenue service knows of an enterprise, projected from the onboarding events. */
interface EnterpriseStanding {
  status: 'resident' | 'suspended' | 'exited' | 'applicant' | 'rejected';
  /** The first month of residence (ApprovedV1.admittedMonth). */
  admittedMonth?: string;
  /** The month of the exit date (ExitedV1.exitDate), for an exited enterprise. */
  exitMonth?: string;
}

/**
 * Whether the enterprise may report `month`, checked in this order (who, then when):
 *
 * - Only enterprises that have been residents report. A suspended enterprise is still a
 *   resident (suspension is reversible) and reports every month since admission; an exited
 *   one may still file for months up to and including its exit month, when it was resident
 *   for at least part of the month. Applicants and rejected enterprises never report.
 * - The month must be over in the park's calendar (Asia/Shanghai): the current month is
 *   refused like a future one, because its figures are not final yet.
 * - Not before the admitted month (the admitted month itself is reported), and never
 *   before 2000-01, where the multiplier's month bitmap begins.
 *
 * An exited enterprise whose exit month is unknown is refused: without it nothing shows it
 * was resident in the month. A missing admitted month sets no lower bound: every resident
 * has one from its approval event, so it is a gap in the projection, not a reason to block.
 */
export function checkReportableMonth(month: string, enterprise: EnterpriseStanding, now: Date): void {
  parseMonth('month', month);
  if (month < FIRST_RECORDED_MONTH) {
    throw new RevenueError(RevenueErrorCode.InvalidInput, `month: ${month} is before ${FIRST_RECORDED_MONTH}, where the park's records begin`, 'month', { month, firstMonth: FIRST_RECORDED_MONTH });
  }
  checkHasBeenResident(enterprise);
  checkMonthIsOver(month, now);
  checkWithinResidence(month, enterprise);
}

function checkHasBeenResident(enterprise: EnterpriseStanding): void {
  const { status, exitMonth } = enterprise;
  if (status === 'resident' || status === 'suspended' || (status === 'exited' && exitMonth !== undefined)) return;
  const why = status === 'exited' ? 'has exited and its exit month is not known' : `is ${status === 'applicant' ? 'an applicant' : 'rejected'}, not a resident`;
  throw new RevenueError(RevenueErrorCode.NotResident, `enterpriseId: only residents report; this enterprise ${why}`, 'enterpriseId', { status });
}

function checkMonthIsOver(month: string, now: Date): void {
  const current = parkMonthOf(now);
  if (month < current) return;
  const why = month === current ? 'is the current month and not over yet' : `is in the future (the current month is ${current})`;
  throw new RevenueError(RevenueErrorCode.FutureMonth, `month: ${month} ${why}; a month is reported once it has ended (Asia/Shanghai)`, 'month', { month, currentMonth: current });
}

function checkWithinResidence(month: string, enterprise: EnterpriseStanding): void {
  const { admittedMonth, exitMonth, status } = enterprise;
  if (admittedMonth !== undefined && month < admittedMonth) {
    throw new RevenueError(RevenueErrorCode.BeforeAdmission, `month: ${month} is before the enterprise's admission in ${admittedMonth}`, 'month', { month, admittedMonth });
  }
  // The month is what is wrong here, not the enterprise: earlier months are still reportable.
  if (status === 'exited' && exitMonth !== undefined && month > exitMonth) {
    throw new RevenueError(RevenueErrorCode.NotResident, `month: ${month} is after the enterprise's exit in ${exitMonth}; it was not a resident then`, 'month', { month, exitMonth });
  }
}
