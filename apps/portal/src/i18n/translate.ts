import type { Locale } from '../format/money.format';
import { en } from './messages.en';
import { zh } from './messages.zh';

export type MessageKey = keyof typeof zh;
export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export const DICTIONARIES: Record<Locale, Record<MessageKey, string>> = { zh, en };

export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(zh, key);
}

/** A translator for one locale: `{name}` placeholders filled from params. */
export function translator(locale: Locale): Translate {
  const dictionary = DICTIONARIES[locale];
  return (key, params = {}) => dictionary[key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** A value's word (`industry.coal` → 煤炭), or the value itself when the dictionary has none (a park-configured industry, say). */
export function labelOf(t: Translate, prefix: string, value: string): string {
  const key = `${prefix}.${value}`;
  return isMessageKey(key) ? t(key) : value;
}
