import type { PortalView } from '@pairwise/domain';
import { useCallback, useEffect } from 'react';
import { useParams } from 'react-router';
import { PortalAfter } from '../features/portal/portal-after.tsx';
import { PortalAdjustments, PortalPrivacy } from '../features/portal/portal-privacy.tsx';
import { PortalRepositoryBlock } from '../features/portal/portal-repository.tsx';
import { PortalStatus } from '../features/portal/portal-status.tsx';
import { SectionText } from '../features/portal/section-text.tsx';
import { api, errorMessage } from '../lib/api-client.ts';
import { useDocumentTitle } from '../lib/document-title.ts';
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
  const portal = useResource(
    () => api.get<{ portal: PortalView }>(`/portal/${encodeURIComponent(token)}`).then((a) => a.portal),
    token,
  );
  useDocumentTitle('Your interview');
  useNoReferrer();
  const view = portal.data;
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
      <div className="portal">
        {portal.error ? (
          <section className="portal-card" aria-labelledby="portal-unavailable">
            <h1 id="portal-unavailable">This page is not available</h1>
            <p>{errorMessage(portal.error)}</p>
          </section>
        ) : (
          <p className="muted" aria-live="polite">
            Loading your interview…
          </p>
        )}
      </div>
    );
  }

  return (
    <div className="portal">
      <header className="portal-intro">
        <p className="portal-eyebrow">{view.positionTitle}</p>
        <h1>Hello {view.candidateName}</h1>
        <p className="lead">This page always shows the current details of your pair-programming interview.</p>
      </header>
      <PortalStatus token={token} view={view} onChange={update} />
      {view.repository && <PortalRepositoryBlock block={view.repository} />}
      <PortalAfter token={token} view={view} onChange={update} />
      {view.sections.map((section) => (
        <section key={section.heading} className="portal-card" aria-labelledby={slug(section.heading)}>
          <h2 id={slug(section.heading)}>{section.heading}</h2>
          <SectionText text={section.text} />
        </section>
      ))}
      <PortalAdjustments token={token} view={view} onChange={update} />
      <section className="portal-card" aria-labelledby="portal-contact">
        <h2 id="portal-contact">Questions?</h2>
        <p>
          {view.contact.name} is happy to help:{' '}
          <a href={`mailto:${view.contact.email}`}>{view.contact.email}</a>
        </p>
      </section>
      <PortalPrivacy token={token} view={view} onChange={update} />
    </div>
  );
}

const slug = (heading: string) => `portal-${heading.toLowerCase().replace(/[^a-z]+/g, '-')}`;

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
