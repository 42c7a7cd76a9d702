import type { ReactNode } from 'react';
import { useI18n } from '../app/i18n-context';
import type { QueryState } from '../app/use-gateway-query';
import { ErrorNotice } from './error-notice';

/** A query's answer, or its loading line, or its error as a sentence. */
export function QueryView<T>({ state, children }: { state: QueryState<T>; children: (data: T) => ReactNode }) {
  const { t } = useI18n();
  if (state.error && !state.data) return <ErrorNotice error={state.error} />;
  if (!state.data) return <div className="muted">{t('common.loading')}</div>;
  return (
    <>
      {state.error ? <ErrorNotice error={state.error} /> : null}
      {children(state.data)}
    </>
  );
}
