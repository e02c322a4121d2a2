/**
 * The region claim of the bearer token, read without verifying it: only to guess, before `me` answers, which
 * ranking the first page will ask for (ranking-prefetch.ts). Nothing is trusted from it — the API checks the token
 * and scopes every query itself.
 */
export function regionOfToken(token: string | null): string | null {
  const payload = token?.split('.')[1];
  if (!payload) return null;
  try {
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    const region = (JSON.parse(json) as { region?: unknown }).region;
    return typeof region === 'string' && /^\d{6}$/.test(region) ? region : null;
  } catch {
    return null;
  }
}
