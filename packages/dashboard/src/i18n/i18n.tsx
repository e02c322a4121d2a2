import { indicatorById } from '@c12315/domain/src/indicators/catalogue';
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import type { Lang } from '../format/number-format';
import { EN, type MessageKey, ZH } from './messages';

const STORAGE_KEY = 'c12315.lang';

export interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: (key: MessageKey, params?: Record<string, string | number>) => string;
  /** Indicator label from the domain catalogue (DASHBOARD-SPEC: labels come from packages/domain). */
  indicatorName: (id: string) => string;
}

export function translate(lang: Lang, key: MessageKey, params?: Record<string, string | number>): string {
  const text: string = (lang === 'en' ? EN : ZH)[key] ?? key;
  return params ? text.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? '')) : text;
}

function initialLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children, lang: fixed }: { children: ReactNode; lang?: Lang }) {
  const [lang, setLangState] = useState<Lang>(fixed ?? initialLang);
  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // private mode: the choice lasts for the page only
    }
    document.documentElement.lang = next === 'en' ? 'en' : 'zh-CN';
  }, []);
  const value = useMemo<I18n>(
    () => ({
      lang,
      setLang,
      t: (key, params) => translate(lang, key, params),
      indicatorName: (id) => {
        const def = indicatorById(id);
        return def ? (lang === 'en' ? def.nameEn : def.nameZh) : id;
      },
    }),
    [lang, setLang],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx)
    return {
      lang: 'zh',
      setLang: () => undefined,
      t: (k, p) => translate('zh', k, p),
      indicatorName: (id) => indicatorById(id)?.nameZh ?? id,
    };
  return ctx;
}
