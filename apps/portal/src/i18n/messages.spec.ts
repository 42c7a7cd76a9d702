import { en } from './messages.en';
import { zh } from './messages.zh';
import { labelOf, translator } from './translate';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the portal dictionaries', () => {
  it('have the same keys in Chinese and English, none empty', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    for (const [key, text] of [...Object.entries(zh), ...Object.entries(en)]) expect({ key, empty: text.trim() === '' }).toEqual({ key, empty: false });
  });

  it('use the same placeholders in both languages', () => {
    for (const key of Object.keys(zh) as Array<keyof typeof zh>) expect({ key, placeholders: placeholders(en[key]) }).toEqual({ key, placeholders: placeholders(zh[key]) });
  });

  it('are really translated: Chinese has Chinese, English has none', () => {
    const untranslated = Object.keys(zh).filter((key) => !/[\u4e00-\u9fff]/.test(zh[key as keyof typeof zh]) && key !== 'lang.switch');
    expect(untranslated).toEqual([]);
    const chineseInEnglish = Object.entries(en).filter(([key, text]) => /[\u4e00-\u9fff]/.test(text) && key !== 'lang.switch');
    expect(chineseInEnglish).toEqual([]);
  });

  it('fill placeholders and fall back to the raw value for words they do not know', () => {
    const t = translator('zh');
    expect(t('common.days', { n: 3 })).toBe('3 天');
    expect(translator('en')('common.days', { n: 3 })).toBe('3 days');
    expect(labelOf(t, 'industry', 'coal')).toBe('煤炭');
    expect(labelOf(t, 'industry', 'quantum-farming')).toBe('quantum-farming');
  });
});
