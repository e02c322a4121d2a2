/** Page state kept in the URL so a view can be shared as a link (issue "Dashboard" §Drill-down). */
import { useCallback } from 'react';
import { useSearchParams } from 'react-router';

export type UrlPatch = Record<string, string | null | undefined>;

/**
 * The URL's parameters and a setter patching some of them. `replace: true` rewrites the current history entry instead
 * of adding one: for a default the page settles on by itself, so Back does not return to a URL that moves again.
 */
export function useUrlState(): [URLSearchParams, (patch: UrlPatch, options?: { replace?: boolean }) => void] {
  const [params, setParams] = useSearchParams();
  const update = useCallback(
    (patch: UrlPatch, options?: { replace?: boolean }) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(patch)) {
            if (v === null || v === undefined || v === '') next.delete(k);
            else next.set(k, v);
          }
          return next;
        },
        { replace: options?.replace ?? false },
      );
    },
    [setParams],
  );
  return [params, update];
}
