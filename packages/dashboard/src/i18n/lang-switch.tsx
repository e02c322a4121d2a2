import { useI18n } from './i18n';

/** 中文 ⇄ English, in the header and on the sign-in page. */
export function LangSwitch() {
  const { t, lang, setLang } = useI18n();
  return (
    <button type="button" className="link-btn" data-testid="lang-switch" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>
      {t('langSwitch')}
    </button>
  );
}
