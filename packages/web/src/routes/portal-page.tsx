import {
  isCandidateLocale,
  languageNames,
  type MessageLocale,
  type PortalView,
  portalApi,
} from '@pairwise/domain';
import { useCallback, useEffect, useId } from 'react';
import { useParams } from 'react-router';
import { useSkipLinkLabel } from '../components/app-shell.tsx';
import { ErrorMessage } from '../components/error-message.tsx';
import { PortalAfter } from '../features/portal/portal-after.tsx';
import { PortalText, portalTranslator } from '../features/portal/portal-i18n.ts';
import { PortalAdjustments, PortalPrivacy } from '../features/portal/portal-privacy.tsx';
import { PortalRepositoryBlock } from '../features/portal/portal-repository.tsx';
import { PortalStatus } from '../features/portal/portal-status.tsx';
import { SectionText } from '../features/portal/section-text.tsx';
import { call, errorMessage } from '../lib/api-client.ts';
import { useDocumentTitle } from '../lib/document-title.ts';
import { useAction } from '../lib/use-action.ts';
import { useResource } from '../lib/use-resource.ts';
import '../features/portal/portal.css';

/** Before and during the session the page refreshes itself, so clone instructions appear on time. */
const REFRESH_MS = 30_000;

/**
 * The candidate's portal, reached through their private link. No account, no navigation:
 * everything about their interview on one calm page that works on a phone.
 */
export default function PortalPage() {
  const { token = '' } = useParams();
  const portal = useResource(() => call(portalApi.view, { params: { token } }).then((a) => a.portal), token);
  const view = portal.data;
  // Before the view arrives the page cannot know the candidate's language: the browser's guess.
  const tr = portalTranslator(view?.locale ?? browserLocale());
  const { t } = tr;
  useDocumentTitle(t('portal.title'));
  useDocumentLanguage(tr.intlLocale);
  useSkipLinkLabel(t('portal.skipToContent'));
  useNoReferrer();
  const phase = view?.phase;
  const { reload } = portal;
  useEffect(() => {
    if (phase !== 'upcoming' && phase !== 'in_session') return;
    const timer = setInterval(() => void reload(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [phase, reload]);
  const update = useCallback((next: PortalView) => portal.setData(next), [portal.setData]);

  if (!view) {
    return (
      <div className="portal" lang={tr.intlLocale}>
        {portal.error ? (
          <section className="portal-card" aria-labelledby="portal-unavailable">
            <h1 id="portal-unavailable">{t('portal.unavailable')}</h1>
            <p>{errorMessage(portal.error)}</p>
          </section>
        ) : (
          <p className="muted" aria-live="polite">
            {t('portal.loading')}
          </p>
        )}
      </div>
    );
  }

  return (
    <PortalText.Provider value={tr}>
      <div className="portal" lang={tr.intlLocale}>
        <header className="portal-intro">
          <LanguageSwitch token={token} view={view} onChange={update} />
          <p className="portal-eyebrow">{view.positionTitle}</p>
          <h1>{t('portal.hello', { name: view.candidateName })}</h1>
          <p className="lead">{t('portal.lead')}</p>
        </header>
        <PortalStatus token={token} view={view} onChange={update} />
        {view.repository && <PortalRepositoryBlock block={view.repository} />}
        <PortalAfter token={token} view={view} onChange={update} />
        {view.sections.map((section, index) => (
          <section key={section.heading} className="portal-card" aria-labelledby={`portal-section-${index}`}>
            <h2 id={`portal-section-${index}`}>{section.heading}</h2>
            <SectionText text={section.text} />
          </section>
        ))}
        <PortalAdjustments token={token} view={view} onChange={update} />
        <section className="portal-card" aria-labelledby="portal-contact">
          <h2 id="portal-contact">{t('portal.contactHeading')}</h2>
          <p>
            {t('portal.contactText', { name: view.contact.name })}{' '}
            <a href={`mailto:${view.contact.email}`}>{view.contact.email}</a>
          </p>
        </section>
        <PortalPrivacy token={token} view={view} onChange={update} />
      </div>
    </PortalText.Provider>
  );
}

/** The candidate's languages, each named in itself; the choice is stored on the candidate. */
function LanguageSwitch({
  token,
  view,
  onChange,
}: {
  token: string;
  view: PortalView;
  onChange: (view: PortalView) => void;
}) {
  const id = useId();
  const { t } = portalTranslator(view.locale);
  const choose = useAction(async (locale: string) => {
    onChange((await call(portalApi.chooseLocale, { params: { token }, body: { locale } })).portal);
  });
  return (
    <div className="portal-language">
      <label htmlFor={id}>{t('portal.language')}</label>
      <select
        id={id}
        value={view.locale}
        disabled={choose.busy}
        aria-describedby={`${id}-note`}
        onChange={(event) => void choose.run(event.target.value)}
      >
        {view.locales.map((locale) => (
          <option key={locale} value={locale} lang={locale}>
            {languageNames[locale as MessageLocale] ?? locale}
          </option>
        ))}
      </select>
      <span id={`${id}-note`} className="visually-hidden">
        {t('portal.languageSaved')}
      </span>
      <ErrorMessage error={choose.error} />
    </div>
  );
}

/** The language the browser prefers, if the portal speaks it; English otherwise. */
function browserLocale(): string {
  const preferred = (navigator.language || 'en').slice(0, 2).toLowerCase();
  return isCandidateLocale(preferred) ? preferred : 'en';
}

/** Screen readers pronounce the page in the candidate's language, and hyphenation follows it. */
function useDocumentLanguage(lang: string) {
  useEffect(() => {
    const previous = document.documentElement.lang;
    document.documentElement.lang = lang;
    return () => {
      document.documentElement.lang = previous;
    };
  }, [lang]);
}

/** The private link is in the address; no page the candidate follows a link to should learn it. */
function useNoReferrer() {
  useEffect(() => {
    const meta = document.createElement('meta');
    meta.name = 'referrer';
    meta.content = 'no-referrer';
    document.head.appendChild(meta);
    return () => meta.remove();
  }, []);
}
