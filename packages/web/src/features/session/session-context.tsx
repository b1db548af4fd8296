import { sessionApi, type User, type UserRole } from '@pairwise/domain';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { Navigate, useLocation } from 'react-router';
import { call, setUnauthorizedListener } from '../../lib/api-client.ts';

interface SessionValue {
  /** undefined while the session is being looked up; null when signed out. */
  user: User | null | undefined;
  signedIn: (user: User) => void;
  signOut: () => Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null | undefined>(undefined);

  useEffect(() => {
    setUnauthorizedListener(() => setUser(null));
    call(sessionApi.current)
      .then((answer) => setUser(answer.user))
      // Signed out, or the server is unreachable: either way the sign-in page says what to do.
      .catch(() => setUser(null));
  }, []);

  const signOut = useCallback(async () => {
    try {
      await call(sessionApi.signOut);
    } finally {
      setUser(null);
    }
  }, []);

  const value = useMemo(() => ({ user, signedIn: setUser, signOut }), [user, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession needs a SessionProvider.');
  return value;
}

/** The signed-in user; only call below <RequireUser>. */
export function useUser(): User {
  const { user } = useSession();
  if (!user) throw new Error('useUser needs a signed-in user.');
  return user;
}

export const hasRole = (user: User, ...roles: UserRole[]) => roles.some((role) => user.roles.includes(role));

/** Sends a signed-out visitor to sign in, and back here afterwards. */
export function RequireUser({ children }: { children: ReactNode }) {
  const { user } = useSession();
  const location = useLocation();
  if (user === undefined)
    return (
      <p className="muted" aria-live="polite">
        Loading…
      </p>
    );
  if (user === null) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/sign-in?next=${encodeURIComponent(next)}`} replace />;
  }
  return children;
}

/** Where to go after signing in: only same-site paths, never an attacker's URL. */
export function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/';
}
