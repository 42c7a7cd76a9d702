import type { OveragePolicy } from './overage-policy';
import { BYTES_PER_GB } from './units';

/**
 * bytes × fenPerGb / 10^9, rounded half up to the fen. Integer arithmetic only: adding half
 * a GB before the (truncating) division rounds halves up for the non-negative values money
 * and traffic take here.
 */
export function priceBytes(bytes: bigint, fenPerGb: bigint): bigint {
  // Negative traffic or prices are a bug upstream, and truncation would round them the wrong way.
  if (bytes < 0n || fenPerGb < 0n) throw new RangeError(`priceBytes: bytes (${bytes}) and fenPerGb (${fenPerGb}) must be non-negative`);
  return (bytes * fenPerGb + BYTES_PER_GB / 2n) / BYTES_PER_GB;
}

export interface ChargeInput {
  usedBytes: bigint;
  includedBytes: bigint;
  parkPriceFenPerGb: bigint;
  marketPriceFenPerGb: bigint;
  overagePolicy: OveragePolicy;
}

export interface Charge {
  billableBytes: bigint;
  overageBytes: bigint;
  chargeFen: bigint;
  marketValueFen: bigint;
  savingFen: bigint;
}

/**
 * One allocation's charge for one month.
 *
 * - overageBytes = max(0, used − included), whatever the policy: it is reported either way.
 * - billableBytes = used under 'bill' (every byte is paid at the park price, overage included);
 *   under 'block' and 'throttle' it is min(used, included): traffic beyond the quota is
 *   blocked or throttled, not billed, so the enterprise never pays past its quota.
 * - chargeFen = billable bytes at the park price; marketValueFen = the same bytes at the
 *   market reference price; savingFen = market − charge (negative if the park is dearer).
 */
export function computeCharge(input: ChargeInput): Charge {
  const overageBytes = max(0n, input.usedBytes - input.includedBytes);
  const billableBytes = input.overagePolicy === 'bill' ? input.usedBytes : min(input.usedBytes, input.includedBytes);
  const chargeFen = priceBytes(billableBytes, input.parkPriceFenPerGb);
  const marketValueFen = priceBytes(billableBytes, input.marketPriceFenPerGb);
  return { billableBytes, overageBytes, chargeFen, marketValueFen, savingFen: marketValueFen - chargeFen };
}

/**
 * An enterprise's total over its allocations. Each allocation is rounded to the fen first and
 * the fen are added, so the total always equals the sum of the lines shown beside it.
 */
export function sumCharges(charges: Charge[]): Charge {
  return charges.reduce(
    (total, charge) => ({
      billableBytes: total.billableBytes + charge.billableBytes,
      overageBytes: total.overageBytes + charge.overageBytes,
      chargeFen: total.chargeFen + charge.chargeFen,
      marketValueFen: total.marketValueFen + charge.marketValueFen,
      savingFen: total.savingFen + charge.savingFen,
    }),
    { billableBytes: 0n, overageBytes: 0n, chargeFen: 0n, marketValueFen: 0n, savingFen: 0n },
  );
}

function min(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}

function max(a: bigint, b: bigint): bigint {
  return a > b ? a : b;
}
