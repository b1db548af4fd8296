import { type ReactNode, Suspense } from 'react';
import { Link, NavLink, useNavigate } from 'react-router';
import { hasRole, useSession } from '../features/session/session-context.tsx';

/** Landmarks every page shares: a skip link, the banner with navigation, and the main region. */
export function AppShell({ children }: { children: ReactNode }) {
  const { user, signOut } = useSession();
  const navigate = useNavigate();
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <Link to="/" className="brand">
          Pairwise
        </Link>
        {user && (
          <nav aria-label="Main">
            <ul className="nav-list">
              <li>
                <NavLink to="/" end>
                  My interviews
                </NavLink>
              </li>
              {hasRole(user, 'admin', 'interviewer') && (
                <>
                  <li>
                    <NavLink to="/interviews/new">Plan interview</NavLink>
                  </li>
                  <li>
                    <NavLink to="/candidates">Candidates</NavLink>
                  </li>
                  <li>
                    <NavLink to="/tasks">Tasks</NavLink>
                  </li>
                  <li>
                    <NavLink to="/api-tokens">API tokens</NavLink>
                  </li>
                </>
              )}
              <li>
                <NavLink to="/positions">Positions</NavLink>
              </li>
              <li>
                <NavLink to="/candidate-feedback">Candidate feedback</NavLink>
              </li>
              {hasRole(user, 'admin') && (
                <li>
                  <NavLink to="/users">Users</NavLink>
                </li>
              )}
              {hasRole(user, 'admin') && (
                <li>
                  <NavLink to="/outbox">Outbox</NavLink>
                </li>
              )}
              {hasRole(user, 'admin') && (
                <li>
                  <NavLink to="/audit">Audit log</NavLink>
                </li>
              )}
              {hasRole(user, 'admin') && (
                <li>
                  <NavLink to="/webhooks">Webhooks</NavLink>
                </li>
              )}
              {hasRole(user, 'admin') && (
                <li>
                  <NavLink to="/service-tokens">Service tokens</NavLink>
                </li>
              )}
              {hasRole(user, 'admin') && (
                <li>
                  <NavLink to="/privacy">Privacy</NavLink>
                </li>
              )}
              {hasRole(user, 'admin') && (
                <li>
                  <NavLink to="/bias-terms">Bias terms</NavLink>
                </li>
              )}
              {hasRole(user, 'admin') && (
                <li>
                  <NavLink to="/single-sign-on">Single sign-on</NavLink>
                </li>
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
              Sign out
            </button>
          </div>
        )}
      </header>
      <main id="main" tabIndex={-1}>
        <Suspense
          fallback={
            <p className="muted" aria-live="polite">
              Loading…
            </p>
          }
        >
          {children}
        </Suspense>
      </main>
    </>
  );
}
