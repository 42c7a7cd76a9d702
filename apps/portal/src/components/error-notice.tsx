import { useI18n } from '../app/i18n-context';
import { GatewayError } from '../api/gateway-error';
import { describeError } from '../i18n/error-message';

/** An error as a sentence in the user's language, with its code for support. */
export function ErrorNotice({ error }: { error: unknown }) {
  const { t } = useI18n();
  if (!error) return null;
  return (
    <div className="notice notice-error" role="alert" data-testid="error-notice">
      {describeError(error, t)}
      {error instanceof GatewayError && error.code !== 'UNKNOWN' ? <span className="notice-code">{error.code}</span> : null}
    </div>
  );
}
