/**
 * The region claim of the bearer token, read without verifying it: only to guess, before `me` answers, which
 * ranking the first page will ask for (ranking-prefetch.ts). Nothing is trusted from it — the API checks the token
 * and scopes every query itself.
 */
function claimsOf(token: string | null): Record<string, unknown> | null {
  const payload = token?.split('.')[1];
  if (!payload) return null;
  try {
    return JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as Record<string, unknown>;
  } catch {
    return null;
  }
}

export function regionOfToken(token: string | null): string | null {
  const region = claimsOf(token)?.region;
  return typeof region === 'string' && /^\d{6}$/.test(region) ? region : null;
}

/** The role claim: where the token is kept (auth-token.ts) and which page opens first. Never trusted by the API. */
export function roleOfToken(token: string | null): string | null {
  const role = claimsOf(token)?.role;
  return typeof role === 'string' ? role : null;
}
