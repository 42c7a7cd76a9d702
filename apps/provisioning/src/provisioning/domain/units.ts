import { ProvisioningError, ProvisioningErrorCode } from './provisioning.error';

/** Decimal gigabytes: carriers bill 10^9 bytes to the GB, so prices per GB mean this. */
export const BYTES_PER_GB = 1_000_000_000n;

// The same shape the usage-record contract accepts: no sign, no leading zeros, no exponent,
// and at most 25 digits so a hostile string cannot make an enormous bigint.
const DECIMAL_INTEGER = /^(0|[1-9][0-9]{0,24})$/;

/**
 * A byte count or an amount of fen from the outside world. JSON numbers are taken only while
 * they are exact (safe integers); anything bigger must come as a decimal string.
 */
export function parseNonNegativeBigInt(field: string, value: string | number): bigint {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return BigInt(value);
  if (typeof value === 'string' && DECIMAL_INTEGER.test(value)) return BigInt(value);
  throw new ProvisioningError(
    ProvisioningErrorCode.InvalidInput,
    `${field}: must be a non-negative integer (a safe integer number or a decimal string of at most 25 digits), got ${describe(value)}`,
    field,
    { value: describe(value) },
  );
}

// Echo the offending value without letting a huge string blow up the message.
function describe(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : String(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
