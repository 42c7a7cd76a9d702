import { RevenueError, RevenueErrorCode } from './revenue.error';

export type ReportStatus = 'draft' | 'submitted' | 'accepted' | 'returned';

export type ReportAction = 'submit' | 'accept' | 'return' | 'resubmit';

interface Rule {
  from: readonly ReportStatus[];
  to: ReportStatus;
}

/**
 * draft → submitted → accepted by an administrator, or returned with a comment and then
 * resubmitted. Accepted is final for the workflow: changes after it are amendments.
 */
const REPORT_WORKFLOW: Readonly<Record<ReportAction, Rule>> = {
  submit: { from: ['draft'], to: 'submitted' },
  accept: { from: ['submitted'], to: 'accepted' },
  return: { from: ['submitted'], to: 'returned' },
  resubmit: { from: ['returned'], to: 'submitted' },
};

/** The status `action` leads to from `from`; INVALID_TRANSITION, naming both, when the workflow has no such step. */
export function nextReportStatus(from: ReportStatus, action: ReportAction): ReportStatus {
  const rule = REPORT_WORKFLOW[action];
  if (!rule.from.includes(from)) {
    throw new RevenueError(
      RevenueErrorCode.InvalidTransition,
      `cannot ${action} a report that is ${from}: ${from} → ${rule.to} is not in the workflow`,
      undefined,
      { from, to: rule.to, action },
    );
  }
  return rule.to;
}

/**
 * Whether a report in `status` may be amended. Only accepted figures are amended: before
 * acceptance the enterprise still edits or resubmits them in the workflow. An amendment is
 * not a status change; it adds a new accepted version beside the old one, so the history
 * stays queryable and the figures always use the latest accepted version.
 */
export function canAmend(status: ReportStatus): boolean {
  return status === 'accepted';
}
