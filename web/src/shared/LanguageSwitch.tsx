/** 中文 | EN: a two-button switch, used in the member app's top bar and in the console header. */
import { type Lang, useI18n } from '../i18n/index.tsx';

export function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  const options: { value: Lang; label: string; long: string }[] = [
    { value: 'zh-CN', label: t('lang.zh'), long: t('lang.zhLong') },
    { value: 'en', label: t('lang.en'), long: t('lang.enLong') },
  ];
  return (
    <fieldset className="lang-switch" aria-label={t('lang.switch')}>
      {options.map((o) => (
        <button
          key={o.value}
          type="button"
          lang={o.value}
          aria-pressed={lang === o.value}
          title={o.long}
          onClick={() => setLang(o.value)}
        >
          {o.label}
        </button>
      ))}
    </fieldset>
  );
}
