/**
 * The bearer token lives in sessionStorage `c12315.token` (DASHBOARD-SPEC "Server endpoints"). A SCREEN token (the
 * command-centre wall PC, issue 15: read-only, 30 days) is kept in localStorage instead, so the wall stays signed in
 * across browser restarts.
 */
import { roleOfToken } from './token-claims';

export const TOKEN_KEY = 'c12315.token';

export function readToken(): string | null {
  try {
    return sessionStorage.getItem(TOKEN_KEY) ?? localStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

export function writeToken(token: string | null): void {
  sessionStorage.removeItem(TOKEN_KEY);
  localStorage.removeItem(TOKEN_KEY);
  if (token) (roleOfToken(token) === 'SCREEN' ? localStorage : sessionStorage).setItem(TOKEN_KEY, token);
}

export function authHeaders(): Record<string, string> {
  const token = readToken();
  return token ? { Authorization: `Bearer ${token}` } : {};
}
