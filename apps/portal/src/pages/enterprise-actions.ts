/** The decisions an administrator can take on an enterprise, by its status (the service refuses any other). */
export type EnterpriseAction = 'takeIntoReview' | 'approve' | 'requestInfo' | 'reject' | 'suspend' | 'reinstate' | 'exit';

export const ACTIONS_BY_STATUS: Record<string, EnterpriseAction[]> = {
  submitted: ['takeIntoReview'],
  under_review: ['approve', 'requestInfo', 'reject'],
  // Back with the applicant until it resubmits.
  information_requested: [],
  approved: ['suspend', 'exit'],
  suspended: ['reinstate', 'exit'],
  rejected: [],
  exited: [],
};

/** Each action's mutation and whether it needs a reason (and a date, for an exit). */
export const ACTION_SPECS: Record<EnterpriseAction, { mutation: string; needsReason: boolean; needsDate?: boolean; danger?: boolean }> = {
  takeIntoReview: { mutation: 'mutation A($id: ID!) { takeApplicationIntoReview(enterpriseId: $id) { id status } }', needsReason: false },
  approve: { mutation: 'mutation A($id: ID!) { approveEnterprise(enterpriseId: $id) { id status } }', needsReason: false },
  requestInfo: { mutation: 'mutation A($id: ID!, $reason: String!) { requestApplicationInformation(enterpriseId: $id, comment: $reason) { id status } }', needsReason: true },
  reject: { mutation: 'mutation A($id: ID!, $reason: String!) { rejectEnterprise(enterpriseId: $id, reason: $reason) { id status } }', needsReason: true, danger: true },
  suspend: { mutation: 'mutation A($id: ID!, $reason: String!) { suspendEnterprise(enterpriseId: $id, reason: $reason) { id status } }', needsReason: true, danger: true },
  reinstate: { mutation: 'mutation A($id: ID!) { reinstateEnterprise(enterpriseId: $id) { id status } }', needsReason: false },
  exit: { mutation: 'mutation A($id: ID!, $reason: String!, $date: String!) { exitEnterprise(enterpriseId: $id, reason: $reason, exitDate: $date) { id status } }', needsReason: true, needsDate: true, danger: true },
};
