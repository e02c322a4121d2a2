/** Page state kept in the URL so a view can be shared as a link (issue "Dashboard" §Drill-down). */
import { useCallback } from 'react';
import { useSearchParams } from 'react-router';

export function useUrlState(): [URLSearchParams, (patch: Record<string, string | null | undefined>) => void] {
  const [params, setParams] = useSearchParams();
  const update = useCallback(
    (patch: Record<string, string | null | undefined>) => {
      setParams((prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(patch)) {
          if (v === null || v === undefined || v === '') next.delete(k);
          else next.set(k, v);
        }
        return next;
      });
    },
    [setParams],
  );
  return [params, update];
}
