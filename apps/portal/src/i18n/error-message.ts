import { GatewayError } from '../api/gateway-error';
import { isMessageKey, labelOf, type MessageKey, type Translate } from './translate';

/** Codes whose message carries a detail worth showing (which field, which transition). */
const WITH_DETAIL = new Set(['BAD_USER_INPUT', 'INVALID_TRANSITION', 'UNKNOWN']);

/** The dictionary key for an error code; codes the portal does not know fall back to UNKNOWN. */
export function errorMessageKey(code: string): MessageKey {
  const key = `error.${code}`;
  return isMessageKey(key) ? key : 'error.UNKNOWN';
}

/** The detail for a message: the transition (in the user's words) or the field a service named, else its message. */
function detailOf(error: GatewayError, t: Translate): string {
  const { field, from, to } = error.details;
  if (typeof from === 'string' && typeof to === 'string') return `${labelOf(t, 'status', from)} → ${labelOf(t, 'status', to)}`;
  const message = error.message.replace(/^(Not authenticated|Forbidden|Bad user input):\s*/i, '');
  return typeof field === 'string' && !message.includes(field) ? `${field}: ${message}` : message;
}

/**
 * A readable sentence for any error the portal meets: a gateway error by its
 * code, in the user's language; anything else (a network failure, a bug) as
 * a plain message. Never a JSON blob.
 */
export function describeError(error: unknown, t: Translate): string {
  if (error instanceof GatewayError) {
    const key = errorMessageKey(error.code);
    return WITH_DETAIL.has(key.slice('error.'.length)) ? t(key, { detail: detailOf(error, t) }) : t(key);
  }
  if (error instanceof TypeError) return t('error.NETWORK');
  return t('error.UNKNOWN', { detail: error instanceof Error ? error.message : String(error) });
}
