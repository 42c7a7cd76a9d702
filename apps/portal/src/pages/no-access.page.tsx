import { useI18n } from '../app/i18n-context';
import { Link } from '../app/router';

/** What a user sees for a page that is not theirs, or not there: no data, no detail of why. */
export function NoAccessPage() {
  const { t } = useI18n();
  return (
    <div className="page no-access" data-testid="no-access">
      <h1>{t('noAccess.title')}</h1>
      <p>{t('noAccess.body')}</p>
      <Link to="/">{t('noAccess.home')}</Link>
    </div>
  );
}
