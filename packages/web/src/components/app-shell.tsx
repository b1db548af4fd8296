import { createContext, type ReactNode, Suspense, useContext, useEffect, useState } from 'react';
import { Link, NavLink, useNavigate } from 'react-router';
import { hasRole, useSession } from '../features/session/session-context.tsx';
import { t } from '../i18n/staff-text.ts';

const SkipLabel = createContext<(label: string | null) => void>(() => {});

/**
 * A page read in another language than the staff screens' (the candidate portal) words the
 * skip link in that language while it is shown.
 */
export function useSkipLinkLabel(label: string) {
  const setLabel = useContext(SkipLabel);
  useEffect(() => {
    setLabel(label);
    return () => setLabel(null);
  }, [label, setLabel]);
}

/** Landmarks every page shares: a skip link, the banner with navigation, and the main region. */
export function AppShell({ children }: { children: ReactNode }) {
  const { user, signOut } = useSession();
  const navigate = useNavigate();
  const [skipLabel, setSkipLabel] = useState<string | null>(null);
  return (
    <SkipLabel.Provider value={setSkipLabel}>
      <a className="skip-link" href="#main">
        {skipLabel ?? t('shell.skipToContent')}
      </a>
      <header className="app-header">
        <Link to="/" className="brand">
          {t('shell.brand')}
        </Link>
        {user && (
          <nav aria-label={t('shell.mainNavigation')}>
            <ul className="nav-list">
              <li>
                <NavLink to="/" end>
                  {t('nav.myInterviews')}
                </NavLink>
              </li>
              {hasRole(user, 'admin', 'interviewer') && (
                <>
                  <li>
                    <NavLink to="/interviews/new">{t('nav.planInterview')}</NavLink>
                  </li>
                  <li>
                    <NavLink to="/candidates">{t('nav.candidates')}</NavLink>
                  </li>
                  <li>
                    <NavLink to="/tasks">{t('nav.tasks')}</NavLink>
                  </li>
                  <li>
                    <NavLink to="/api-tokens">{t('nav.apiTokens')}</NavLink>
                  </li>
                </>
              )}
              <li>
                <NavLink to="/positions">{t('nav.positions')}</NavLink>
              </li>
              <li>
                <NavLink to="/candidate-feedback">{t('nav.candidateFeedback')}</NavLink>
              </li>
              <li>
                <NavLink to="/calibration">{t('nav.calibration')}</NavLink>
              </li>
              {hasRole(user, 'admin') && (
                <>
                  <li>
                    <NavLink to="/users">{t('nav.users')}</NavLink>
                  </li>
                  <li>
                    <NavLink to="/outbox">{t('nav.outbox')}</NavLink>
                  </li>
                  <li>
                    <NavLink to="/audit">{t('nav.audit')}</NavLink>
                  </li>
                  <li>
                    <NavLink to="/privacy">{t('nav.privacy')}</NavLink>
                  </li>
                  <li>
                    <NavLink to="/webhooks">{t('nav.webhooks')}</NavLink>
                  </li>
                  <li>
                    <NavLink to="/service-tokens">{t('nav.serviceTokens')}</NavLink>
                  </li>
                  <li>
                    <NavLink to="/bias-terms">{t('nav.biasTerms')}</NavLink>
                  </li>
                  <li>
                    <NavLink to="/single-sign-on">{t('nav.singleSignOn')}</NavLink>
                  </li>
                  <li>
                    <NavLink to="/provisioning">{t('nav.provisioning')}</NavLink>
                  </li>
                  <li>
                    <NavLink to="/settings">{t('nav.settings')}</NavLink>
                  </li>
                </>
              )}
            </ul>
          </nav>
        )}
        {user && (
          <div className="account">
            <NavLink to="/account">{user.name}</NavLink>
            <button
              type="button"
              className="link-button"
              onClick={async () => {
                await signOut();
                navigate('/sign-in');
              }}
            >
              {t('shell.signOut')}
            </button>
          </div>
        )}
      </header>
      <main id="main" tabIndex={-1}>
        <Suspense
          fallback={
            <p className="muted" aria-live="polite">
              {t('shell.loading')}
            </p>
          }
        >
          {children}
        </Suspense>
      </main>
    </SkipLabel.Provider>
  );
}
