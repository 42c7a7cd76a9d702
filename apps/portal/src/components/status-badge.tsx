import { useI18n } from '../app/i18n-context';
import { isMessageKey } from '../i18n/translate';

/** A status word in the user's language (the raw value when the portal does not know it), coloured by its kind. */
export function StatusBadge({ prefix, value, testId }: { prefix: string; value: string; testId?: string }) {
  const { t } = useI18n();
  const key = `${prefix}.${value}`;
  return <span className={`badge badge-${value}`} data-testid={testId} data-value={value}>{isMessageKey(key) ? t(key) : value}</span>;
}
