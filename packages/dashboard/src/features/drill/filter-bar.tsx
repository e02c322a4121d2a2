import {
  CHANNELS,
  COMPLAINT_PROBLEM_CATEGORIES,
  OBJECT_CATEGORY_L2,
  REPORT_PROBLEM_CATEGORIES,
} from '@c12315/domain/src/reference/categories';
import { useState } from 'react';
import { useUrlState } from '../../common/url-state';
import type { CaseFilter } from '../../gql/graphql';
import { useI18n } from '../../i18n/i18n';

const KINDS = ['COMPLAINT', 'REPORT', 'CONSULTATION', 'SUGGESTION'] as const;
const OBJECTS = (['商品', '服务'] as const).flatMap((l1) => [l1, ...OBJECT_CATEGORY_L2[l1].map((l2) => `${l1}-${l2}`)]);
const PROBLEMS = [...new Set([...COMPLAINT_PROBLEM_CATEGORIES, ...REPORT_PROBLEM_CATEGORIES])];

/** The filter form: edits locally, writes the URL on 应用 (so every view is a shareable link). */
export function FilterBar({ filter }: { filter: CaseFilter }) {
  const { t } = useI18n();
  const [params, setParams] = useUrlState();
  const [draft, setDraft] = useState(() => ({
    from: filter.from,
    to: filter.to,
    kind: params.get('kind') ?? '',
    channel: params.get('channel') ?? '',
    industry: params.get('industry') ?? '',
    object: params.get('object') ?? '',
    problem: params.get('problem') ?? '',
    food: params.get('food') === '1',
  }));
  const set = (patch: Partial<typeof draft>) => setDraft((d) => ({ ...d, ...patch }));
  const all = t('all');
  return (
    <form
      className="toolbar filters"
      data-testid="drill-filters"
      onSubmit={(e) => {
        e.preventDefault();
        setParams({ ...draft, food: draft.food ? '1' : null });
      }}
    >
      <label className="field">
        <span>{t('from')}</span>
        <input type="date" data-testid="filter-from" value={draft.from} onChange={(e) => set({ from: e.target.value })} />
      </label>
      <label className="field">
        <span>{t('to')}</span>
        <input type="date" data-testid="filter-to" value={draft.to} onChange={(e) => set({ to: e.target.value })} />
      </label>
      <label className="field">
        <span>{t('kind')}</span>
        <select data-testid="filter-kind" value={draft.kind} onChange={(e) => set({ kind: e.target.value })}>
          <option value="">{all}</option>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`kind.${k}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('channel')}</span>
        <select data-testid="filter-channel" value={draft.channel} onChange={(e) => set({ channel: e.target.value })}>
          <option value="">{all}</option>
          {CHANNELS.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('industry')}</span>
        <input
          data-testid="filter-industry"
          value={draft.industry}
          placeholder="H62"
          onChange={(e) => set({ industry: e.target.value })}
          size={6}
        />
      </label>
      <label className="field">
        <span>{t('objectCategory')}</span>
        <select data-testid="filter-object" value={draft.object} onChange={(e) => set({ object: e.target.value })}>
          <option value="">{all}</option>
          {OBJECTS.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('problemCategory')}</span>
        <select data-testid="filter-problem" value={draft.problem} onChange={(e) => set({ problem: e.target.value })}>
          <option value="">{all}</option>
          {PROBLEMS.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
      </label>
      <label className="field field-check">
        <input type="checkbox" data-testid="filter-food" checked={draft.food} onChange={(e) => set({ food: e.target.checked })} />
        <span>{t('foodRelated')}</span>
      </label>
      <button type="submit" className="btn btn-primary" data-testid="filter-apply">
        {t('apply')}
      </button>
    </form>
  );
}
