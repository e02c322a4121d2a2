/**
 * 预警 (issue 15 §2): the month's rises — problem categories, industries, operators, channels — with the rule and
 * each one's figures (count, baselines, ratio, threshold), those the seasonal baseline explains listed apart; a draft
 * 消费提示 from the figures that staff edit, save and (chiefs, admins) publish; the month's drafts; every published
 * warning concerning the user's region with date and author; the subscription that feeds the header's count.
 * Opening the page marks the warnings published so far as seen.
 */
import { useMutation, useQuery } from '@apollo/client/react';
import { useEffect, useState } from 'react';
import { useSession } from '../../app/session';
import { MonthPicker } from '../../common/month-picker';
import { QueryView } from '../../common/states';
import { useUrlState } from '../../common/url-state';
import { formatMonth, isMonth, lastFullMonth, shanghaiMinute } from '../../format/months';
import { formatCount } from '../../format/number-format';
import type { RiseFieldsFragment, WarningNoticeFieldsFragment } from '../../gql/graphql';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { PublishedWarnings } from './published-warnings';
import {
  CONSUMER_WARNINGS_QUERY,
  MARK_WARNINGS_SEEN_MUTATION,
  PUBLISHED_WARNINGS_QUERY,
  SAVE_WARNING_MUTATION,
  SET_WARNING_SUBSCRIPTION_MUTATION,
  WARNING_SUBSCRIPTION_QUERY,
} from './warnings.queries';

/** Who may save a draft, and who may publish (the API checks the same: warning-publication.service.ts). */
export const WARNING_EDITORS = ['PROVINCE_ADMIN', 'CITY_CHIEF', 'FOOD_SAFETY', 'ANALYST'];
export const WARNING_PUBLISHERS = ['PROVINCE_ADMIN', 'CITY_CHIEF'];

const decimal = (v: number | null | undefined, lang: 'zh' | 'en') =>
  v === null || v === undefined ? '—' : v.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en', { maximumFractionDigits: 1 });

function RiseTable({ rows, testId }: { rows: readonly RiseFieldsFragment[]; testId: string }) {
  const { t, lang } = useI18n();
  return (
    <div className="table-wrap">
      <table className="table" data-testid={testId}>
        <thead>
          <tr>
            <th>{t('warnings.dimension')}</th>
            <th>{t('warnings.group')}</th>
            <th className="num">{t('warnings.count')}</th>
            <th className="num">{t('warnings.trailing')}</th>
            <th className="num">{t('warnings.lastYear')}</th>
            <th className="num">{t('warnings.seasonalBaseline')}</th>
            <th className="num">{t('warnings.baseline')}</th>
            <th className="num">{t('warnings.ratio')}</th>
            <th className="num">{t('warnings.threshold')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={`${r.dimension}:${r.code}`} data-testid="rise-row">
              <td>{t(`warnings.dim.${r.dimension}` as MessageKey)}</td>
              <td>{r.label}</td>
              <td className="num">{formatCount(r.count, lang)}</td>
              <td className="num">{decimal(r.trailingBaseline, lang)}</td>
              <td className="num">{r.lastYearCount === null ? '—' : formatCount(r.lastYearCount, lang)}</td>
              <td className="num">{decimal(r.seasonalBaseline, lang)}</td>
              <td className="num">{decimal(r.baseline, lang)}</td>
              <td className="num">{r.ratio === null ? t('warnings.fromNothing') : `${decimal(r.ratio, lang)}×`}</td>
              <td className="num">{decimal(r.threshold, lang)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function DraftEditor({
  month,
  regionCode,
  draftTitle,
  draftText,
  drafts,
  role,
}: {
  month: string;
  regionCode: string;
  draftTitle: string;
  draftText: string;
  drafts: readonly WarningNoticeFieldsFragment[];
  role: string;
}) {
  const { t } = useI18n();
  const existing = drafts.find((d) => d.status === 'DRAFT');
  const [id, setId] = useState<string | null>(existing?.id ?? null);
  const [title, setTitle] = useState(existing?.title ?? draftTitle);
  const [text, setText] = useState(existing?.text ?? draftText);
  const [message, setMessage] = useState<string | null>(null);
  const [save, saving] = useMutation(SAVE_WARNING_MUTATION, {
    refetchQueries: [CONSUMER_WARNINGS_QUERY, PUBLISHED_WARNINGS_QUERY, WARNING_SUBSCRIPTION_QUERY],
  });
  const canEdit = WARNING_EDITORS.includes(role);
  const canPublish = WARNING_PUBLISHERS.includes(role);

  const submit = async (publish: boolean) => {
    setMessage(null);
    try {
      const res = await save({ variables: { input: { id, month, regionCode, title, text, publish } } });
      const saved = res.data?.saveConsumerWarning;
      if (publish) {
        setId(null);
        setMessage(t('warnings.publishedOk'));
      } else {
        setId(saved?.id ?? id);
        setMessage(t('warnings.savedOk'));
      }
    } catch (error) {
      setMessage((error as Error).message);
    }
  };

  return (
    <div className="card" data-testid="warning-editor">
      <h2>{t('warnings.draft')}</h2>
      <p className="muted small">{t('warnings.draftHint')}</p>
      <label className="field field-wide">
        <span>{t('warnings.title')}</span>
        <input data-testid="warning-title" value={title} disabled={!canEdit} onChange={(e) => setTitle(e.target.value)} />
      </label>
      <label className="field field-wide">
        <span>{t('warnings.text')}</span>
        <textarea
          data-testid="warning-text"
          rows={12}
          value={text}
          disabled={!canEdit}
          onChange={(e) => setText(e.target.value)}
        />
      </label>
      <div className="toolbar">
        {canEdit && (
          <button
            type="button"
            className="btn"
            data-testid="warning-save"
            disabled={saving.loading}
            onClick={() => void submit(false)}
          >
            {t('warnings.save')}
          </button>
        )}
        {canPublish && (
          <button
            type="button"
            className="btn btn-primary"
            data-testid="warning-publish"
            disabled={saving.loading}
            onClick={() => void submit(true)}
          >
            {t('warnings.publish')}
          </button>
        )}
        {!canEdit && <span className="muted small">{t('warnings.readOnly')}</span>}
        {message && (
          <output className="small" data-testid="warning-message">
            {message}
          </output>
        )}
      </div>
    </div>
  );
}

function Subscription() {
  const { t } = useI18n();
  const state = useQuery(WARNING_SUBSCRIPTION_QUERY);
  const [markSeen] = useMutation(MARK_WARNINGS_SEEN_MUTATION, { refetchQueries: [WARNING_SUBSCRIPTION_QUERY] });
  const [setSubscribed, setting] = useMutation(SET_WARNING_SUBSCRIPTION_MUTATION, {
    refetchQueries: [WARNING_SUBSCRIPTION_QUERY],
  });
  const subscribed = state.data?.warningSubscription.subscribed ?? false;
  const unseen = state.data?.warningSubscription.unseenCount ?? 0;
  useEffect(() => {
    if (subscribed && unseen > 0) void markSeen();
  }, [subscribed, unseen, markSeen]);
  if (!state.data) return null;
  return (
    <label className="field-check" data-testid="warning-subscription">
      <input
        type="checkbox"
        data-testid="warning-subscribe"
        checked={subscribed}
        disabled={setting.loading}
        onChange={(e) => void setSubscribed({ variables: { subscribed: e.target.checked } })}
      />
      <span>{t('warnings.subscribe')}</span>
    </label>
  );
}

export function WarningsPage() {
  const { t, lang } = useI18n();
  const { user } = useSession();
  const [params, setParams] = useUrlState();
  const month = isMonth(params.get('month')) ? params.get('month')! : lastFullMonth();
  const regionCode = params.get('region') || null;
  const current = useQuery(CONSUMER_WARNINGS_QUERY, { variables: { month, regionCode } });
  const published = useQuery(PUBLISHED_WARNINGS_QUERY, { variables: { month: null } });
  const data = current.data?.consumerWarnings;

  return (
    <section className="page">
      <div className="page-head">
        <h1>{t('warnings.pageTitle')}</h1>
      </div>
      <div className="toolbar">
        <MonthPicker value={month} onChange={(m) => setParams({ month: m })} />
        <Subscription />
      </div>
      <QueryView loading={current.loading && !data} error={current.error} onRetry={() => void current.refetch()}>
        {() =>
          data && (
            <>
              <div className="card">
                <h2>{t('warnings.rises', { region: data.regionName, month: formatMonth(data.month, lang) })}</h2>
                <p className="muted small" data-testid="warning-rule">
                  {t('warnings.rule', { version: data.rule.version, rule: data.rule.description })}
                </p>
                {data.rises.length === 0 ? (
                  <p className="muted" data-testid="no-rises">
                    {t('warnings.noRises')}
                  </p>
                ) : (
                  <RiseTable rows={data.rises} testId="rise-table" />
                )}
              </div>
              {data.seasonal.length > 0 && (
                <div className="card">
                  <h2>{t('warnings.seasonal')}</h2>
                  <p className="muted small">{t('warnings.seasonalHint')}</p>
                  <RiseTable rows={data.seasonal} testId="seasonal-table" />
                </div>
              )}
              <DraftEditor
                key={`${data.month}:${data.regionCode}`}
                month={data.month}
                regionCode={data.regionCode}
                draftTitle={data.draftTitle}
                draftText={data.draftText}
                drafts={data.notices}
                role={user.role}
              />
              {data.notices.some((n) => n.status === 'DRAFT') && (
                <p className="muted small" data-testid="draft-state">
                  {data.notices
                    .filter((n) => n.status === 'DRAFT')
                    .map((n) => t('warnings.draftBy', { user: n.author, at: shanghaiMinute(n.updatedAt) }))
                    .join('；')}
                </p>
              )}
            </>
          )
        }
      </QueryView>
      <div className="card">
        <h2>{t('warnings.published')}</h2>
        <PublishedWarnings warnings={published.data?.publishedConsumerWarnings ?? []} testId="published-warnings" />
      </div>
    </section>
  );
}
