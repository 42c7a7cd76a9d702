import { ProvisioningError, ProvisioningErrorCode } from './provisioning.error';

/**
 * Refuses a request that would take the pool past its capacity. `requestedMbps` is the extra
 * bandwidth: for an upgrade the difference, so a downgrade (≤ 0) always fits. The caller must
 * hold the pool's row lock (or equivalent) while checking and reserving, or two requests can
 * both see the same free bandwidth.
 */
export function checkCapacity(pool: { name: string; capacityMbps: number; allocatedMbps: number }, requestedMbps: number): void {
  // Non-finite figures come from a bug, not a user, and would make every comparison false.
  if (![pool.capacityMbps, pool.allocatedMbps, requestedMbps].every(Number.isFinite)) {
    throw new RangeError(`checkCapacity: non-finite bandwidth (capacity ${pool.capacityMbps}, allocated ${pool.allocatedMbps}, requested ${requestedMbps})`);
  }
  const freeMbps = pool.capacityMbps - pool.allocatedMbps;
  if (requestedMbps <= 0 || requestedMbps <= freeMbps) return;
  throw new ProvisioningError(
    ProvisioningErrorCode.CapacityExceeded,
    `pool "${pool.name}" has ${Math.max(0, freeMbps)} Mbps free; ${requestedMbps} Mbps requested`,
    undefined,
    { poolCapacityMbps: pool.capacityMbps, allocatedMbps: pool.allocatedMbps, requestedMbps },
  );
}
