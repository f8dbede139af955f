import { type Permission, ROLE_PERMISSIONS, type UserRole } from '@serviq/contracts';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { api, onUnauthorized, setCsrfToken } from '../api/client.ts';

/** The signed-in person, as /auth/login and /auth/me answer. */
export type SessionUser = {
  id: number;
  email: string;
  name: string;
  role: UserRole;
  agentId: string | null;
  teamIds: string[];
};

type MeAnswer =
  | { kind: 'user'; user: SessionUser; csrfToken: string }
  | { kind: 'anonymous' | 'token' | 'system' };
type LoginAnswer = { user: SessionUser; csrfToken: string; expiresAt: string };

type SessionState = {
  /** undefined while /auth/me is asked; null when nobody is signed in. */
  user: SessionUser | null | undefined;
  can(permission: Permission): boolean;
  signIn(email: string, password: string): Promise<void>;
  signOut(): Promise<void>;
};

const SessionContext = createContext<SessionState | undefined>(undefined);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<SessionUser | null | undefined>(undefined);

  useEffect(() => {
    let isCurrent = true;
    api<MeAnswer>('GET', '/auth/me')
      .then((me) => {
        if (!isCurrent) return;
        if (me.kind === 'user') {
          setCsrfToken(me.csrfToken);
          setUser(me.user);
        } else setUser(null);
      })
      .catch(() => isCurrent && setUser(null));
    const off = onUnauthorized(() => {
      setCsrfToken(undefined);
      setUser(null);
    });
    return () => {
      isCurrent = false;
      off();
    };
  }, []);

  const signIn = useCallback(async (email: string, password: string) => {
    const answer = await api<LoginAnswer>('POST', '/auth/login', { body: { email, password } });
    setCsrfToken(answer.csrfToken);
    setUser(answer.user);
  }, []);

  const signOut = useCallback(async () => {
    try {
      await api('POST', '/auth/logout');
    } finally {
      setCsrfToken(undefined);
      setUser(null);
    }
  }, []);

  const can = useCallback(
    (permission: Permission) => (user ? ROLE_PERMISSIONS[user.role].includes(permission) : false),
    [user],
  );

  const value = useMemo(() => ({ user, can, signIn, signOut }), [user, can, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error('useSession outside SessionProvider');
  return state;
}
