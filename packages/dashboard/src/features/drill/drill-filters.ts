/** The drill-down filters, kept in the URL (DASHBOARD-SPEC: /drill/:regionCode?from=&to=&kind=&channel=&industry=&object=&problem=&food=). */
import { isDate, lastFullMonth, monthEnd, monthStart } from '../../format/months';
import type { CaseFilter, CaseKind } from '../../gql/graphql';

export const FILTER_KEYS = ['from', 'to', 'kind', 'channel', 'industry', 'object', 'problem', 'food'] as const;

export function filterFromParams(params: URLSearchParams, regionCode: string): CaseFilter {
  const month = lastFullMonth();
  const list = (key: string) => {
    const v = params.get(key);
    return v
      ? v
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : undefined;
  };
  return {
    regionCode,
    from: isDate(params.get('from')) ? params.get('from')! : monthStart(month),
    to: isDate(params.get('to')) ? params.get('to')! : monthEnd(month),
    kinds: list('kind') as CaseKind[] | undefined,
    channels: list('channel'),
    industryCodes: list('industry'),
    objectCategories: list('object'),
    problemCategories: list('problem'),
    foodRelated: params.get('food') === '1' ? true : undefined,
  };
}

/** Carried with the filters, not a filter: the indicator the chart shows (drill-chart.tsx). */
const CARRIED_KEYS = [...FILTER_KEYS, 'indicator'] as const;

/** The filter part of the query string (and the charted indicator), carried to the next drill level. */
export function filterSearch(params: URLSearchParams): string {
  const keep = new URLSearchParams();
  for (const k of CARRIED_KEYS) {
    const v = params.get(k);
    if (v) keep.set(k, v);
  }
  const s = keep.toString();
  return s ? `?${s}` : '';
}
