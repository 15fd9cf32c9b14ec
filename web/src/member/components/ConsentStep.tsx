/**
 * The consent step, shown before anything personal is sent: the policy summary and its version,
 * a link to the full "what we collect", the required purposes (a tick each, never pre-ticked) and
 * every optional purpose as its own switch, off by default. Refusing an optional purpose blocks
 * nothing; sensitive purposes say what they touch.
 */
import { useI18n } from '../../i18n/index.tsx';
import { Markdown } from '../../shared/Markdown.tsx';
import { Link } from '../../shared/router.tsx';
import { useAsync } from '../../shared/useAsync.ts';
import { type Consents, OPTIONAL_PURPOSES, SENSITIVE_PURPOSES } from '../account.ts';
import { getPolicy } from '../privacy.ts';

/** The full policy (GET /privacy/policy), folded, to read before agreeing: nothing is sent yet. */
function PolicyText() {
  const { t, lang } = useI18n();
  const policy = useAsync(`policy:${lang}`, (signal) => getPolicy(lang, undefined, signal));
  if (policy.status !== 'ready') return null;
  return (
    <details className="policy-full" data-testid="policy-full">
      <summary>{t('pc.readFull', { version: policy.data.version })}</summary>
      <Markdown source={policy.data.body} />
    </details>
  );
}

interface Props {
  policyVersion: string | undefined;
  /** Purposes without which this flow cannot go on (`account`; `third-party-login` when binding). */
  required: string[];
  optional?: readonly string[];
  consents: Consents;
  onChange(consents: Consents): void;
  /** Shown under the required ticks when the reader tries to go on without them. */
  error?: string;
}

export function ConsentStep({
  policyVersion,
  required,
  optional = OPTIONAL_PURPOSES,
  consents,
  onChange,
  error,
}: Props) {
  const { t, tMaybe } = useI18n();
  const set = (purpose: string, granted: boolean) => onChange({ ...consents, [purpose]: granted });
  const title = (purpose: string) => tMaybe(`purpose.${purpose}`) ?? purpose;
  const description = (purpose: string) => tMaybe(`purpose.${purpose}.desc`);

  return (
    <div className="consent-step">
      <section className="policy-summary" aria-labelledby="policy-summary-title">
        <h2 id="policy-summary-title">{t('consent.summary.title')}</h2>
        <ul>
          <li>{t('consent.summary.collect')}</li>
          <li>{t('consent.summary.optional')}</li>
          <li>{t('consent.summary.storage')}</li>
          <li>{t('consent.summary.rights')}</li>
        </ul>
        <p className="minor-notice">{t('consent.summary.minors')}</p>
        <PolicyText />
        <p className="policy-meta">
          <Link to="/privacy">{t('consent.readPolicy')}</Link>
          {policyVersion && (
            <span data-testid="policy-version">{t('privacy.version', { version: policyVersion })}</span>
          )}
        </p>
      </section>

      <fieldset className="consent-group">
        <legend>{t('consent.required')}</legend>
        {required.map((purpose) => (
          <label key={purpose} className="consent-check">
            <input
              type="checkbox"
              checked={consents[purpose] === true}
              onChange={(e) => set(purpose, e.target.checked)}
              aria-describedby={error ? 'consent-error' : undefined}
            />
            <span>
              <strong>
                {purpose === 'account'
                  ? t('consent.agree')
                  : t('consent.agreePurpose', { purpose: title(purpose) })}
              </strong>
              <small>{description(purpose)}</small>
            </span>
          </label>
        ))}
        {error && (
          <p id="consent-error" className="form-error" role="alert">
            {error}
          </p>
        )}
      </fieldset>

      {optional.length > 0 && (
        <fieldset className="consent-group">
          <legend>{t('consent.optional')}</legend>
          <p className="form-hint">{t('consent.optionalHint')}</p>
          {optional.map((purpose) => (
            <label key={purpose} className="consent-switch">
              <span>
                <strong>
                  {title(purpose)}
                  {SENSITIVE_PURPOSES.has(purpose) && (
                    <em className="badge-sensitive">{t('consent.sensitive')}</em>
                  )}
                </strong>
                <small>{description(purpose)}</small>
              </span>
              <input
                type="checkbox"
                role="switch"
                aria-checked={consents[purpose] === true}
                checked={consents[purpose] === true}
                onChange={(e) => set(purpose, e.target.checked)}
              />
            </label>
          ))}
        </fieldset>
      )}
    </div>
  );
}
