/** "我的": settings that exist today (language), what CCM is, and the API for developers. */
import { type Lang, useI18n } from '../../i18n/index.tsx';
import { useTitle } from '../../shared/useTitle.ts';
import { ExternalIcon } from '../components/icons.tsx';

export function MePage() {
  const { t, lang, setLang } = useI18n();
  useTitle(`${t('me.title')} · ${t('app.name')}`);
  const languages: { value: Lang; label: string }[] = [
    { value: 'zh-CN', label: t('lang.zhLong') },
    { value: 'en', label: t('lang.enLong') },
  ];
  return (
    <div className="me-page">
      <h1 className="page-title">{t('me.title')}</h1>

      <section className="panel" aria-labelledby="me-language">
        <h2 id="me-language">{t('me.language')}</h2>
        <div className="options" role="radiogroup" aria-labelledby="me-language">
          {languages.map((l) => (
            <label key={l.value} className="option" lang={l.value}>
              <input
                type="radio"
                name="lang"
                value={l.value}
                checked={lang === l.value}
                onChange={() => setLang(l.value)}
              />
              <span>{l.label}</span>
            </label>
          ))}
        </div>
        <p className="hint">{t('me.languageHint')}</p>
      </section>

      <section className="panel" aria-labelledby="me-about">
        <h2 id="me-about">{t('me.about')}</h2>
        <p>{t('me.aboutBody')}</p>
      </section>

      <section className="panel" aria-labelledby="me-developers">
        <h2 id="me-developers">{t('me.developers')}</h2>
        <a className="row-link" href="/api/docs">
          <span>
            <strong>{t('me.api')}</strong>
            <small>{t('me.apiHint')}</small>
          </span>
          <ExternalIcon />
        </a>
      </section>
    </div>
  );
}
