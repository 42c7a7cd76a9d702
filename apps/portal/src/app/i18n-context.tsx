import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import type { Locale } from '../format/money.format';
import { translator, type Translate } from '../i18n/translate';

interface I18n {
  locale: Locale;
  t: Translate;
  setLocale(locale: Locale): void;
}

const STORAGE_KEY = 'valley.portal.locale';
const I18nContext = createContext<I18n | undefined>(undefined);

/** Chinese unless the user switched to English (remembered in this browser). */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(() => (localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh'));
  const value = useMemo<I18n>(() => ({
    locale,
    t: translator(locale),
    setLocale: (next) => {
      localStorage.setItem(STORAGE_KEY, next);
      document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
      setLocaleState(next);
    },
  }), [locale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
