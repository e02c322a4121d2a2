/**
 * The signed-in user: token in sessionStorage, `me` from the API (everything else is scoped by the API itself).
 */
import { CombinedGraphQLErrors } from '@apollo/client';
import { useApolloClient, useQuery } from '@apollo/client/react';
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { Navigate, useLocation } from 'react-router';
import { ErrorState, LoadingState } from '../common/states';
import type { MeQuery } from '../gql/graphql';
import { readToken, writeToken } from './auth-token';
import { ME_QUERY } from './session.queries';

export type SessionUser = MeQuery['me'];

interface Session {
  user: SessionUser;
  signOut: () => void;
}

const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside RequireSession');
  return s;
}

export function useSignOut(): () => void {
  const client = useApolloClient();
  return useCallback(() => {
    writeToken(null);
    void client.clearStore();
    window.location.assign('/login');
  }, [client]);
}

/** Guards the app routes: no token → /login; the token is checked once through `me`. */
export function RequireSession({ children }: { children: ReactNode }) {
  const [token] = useState(readToken);
  const location = useLocation();
  const signOut = useSignOut();
  const { data, error, loading, refetch } = useQuery(ME_QUERY, { skip: !token, fetchPolicy: 'cache-first' });
  const value = useMemo(() => (data ? { user: data.me, signOut } : null), [data, signOut]);
  if (!token) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  if (error) {
    if (isUnauthenticated(error)) {
      writeToken(null);
      return <Navigate to="/login" replace />;
    }
    return <ErrorState error={error} onRetry={() => void refetch()} />;
  }
  if (loading || !value) return <LoadingState />;
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function isUnauthenticated(error: unknown): boolean {
  return CombinedGraphQLErrors.is(error) && error.errors.some((e) => e.extensions?.code === 'UNAUTHENTICATED');
}
