export interface PlanOption {
  id: string;
  version: number;
  name: string;
  bandwidthMbps: number;
  monthlyIncludedBytes: bigint;
  active: boolean;
}

/**
 * The plan for an applicant's planned need: among active plans, the smallest (by bandwidth,
 * then included bytes) covering both its bandwidth and its monthly traffic, so nobody is sold
 * more than they asked for. When no plan covers the need, the largest active plan comes
 * closest. No active plan: undefined.
 */
export function choosePlan(plans: PlanOption[], need: { bandwidthMbps: number; monthlyTrafficBytes: bigint }): PlanOption | undefined {
  const ordered = plans.filter((plan) => plan.active).sort(bySize);
  const covering = ordered.find((plan) => plan.bandwidthMbps >= need.bandwidthMbps && plan.monthlyIncludedBytes >= need.monthlyTrafficBytes);
  if (covering) return covering;
  const largest = ordered[ordered.length - 1];
  // Among equally large plans keep the first in order, the same tie-break as for covering ones.
  return largest && ordered.find((plan) => compareSize(plan, largest) === 0);
}

// Ascending by size; ties broken by id, then newest version first, so the choice never
// depends on the order the plans were read in.
function bySize(a: PlanOption, b: PlanOption): number {
  return compareSize(a, b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) || b.version - a.version;
}

function compareSize(a: PlanOption, b: PlanOption): number {
  if (a.bandwidthMbps !== b.bandwidthMbps) return a.bandwidthMbps - b.bandwidthMbps;
  return a.monthlyIncludedBytes < b.monthlyIncludedBytes ? -1 : a.monthlyIncludedBytes > b.monthlyIncludedBytes ? 1 : 0;
}
