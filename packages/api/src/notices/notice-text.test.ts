/** The 通报's sentences from given numbers (notice-text.ts): comparisons, targets, the ranking lists, overdue, hotspots. */
import type { NoticeUnit, NoticeValue } from './notice.model';
import { changeZh, dateZh, monthZh, type NoticeFacts, noticeSections } from './notice-text';

const value = (indicatorId: string, v: number | null, numerator: number | null = v, denominator: number | null = null) =>
  ({ indicatorId, nameZh: indicatorId, unit: '', value: v, numerator, denominator, points: null }) as NoticeValue;

const unit = (code: string, name: string, rank: number | null, score: number | null, previousRank: number | null, overdue = 0) =>
  ({
    code,
    name,
    bureau: `${name}市场监督管理局`,
    rank,
    previousRank,
    score,
    values: [],
    overdue,
    movement: rank === 1 ? [{ indicatorId: 'x', nameZh: '按时办结率', pointsDelta: 4.5 }] : [],
  }) as NoticeUnit;

function facts(over: Partial<NoticeFacts> = {}): NoticeFacts {
  const units = [
    unit('620100', '兰州市', 1, 91.5, 3, 2),
    unit('620200', '嘉峪关市', 2, 88, 2),
    unit('620300', '金昌市', 3, 80.25, 1),
    unit('620400', '白银市', 4, 70, 4, 5),
    unit('620500', '天水市', 5, 60, null),
    unit('620600', '武威市', 6, 55.5, 5),
    unit('620700', '张掖市', null, null, null),
  ];
  return {
    month: '2026-06',
    scopeWord: '全省',
    unitWord: '市',
    configVersion: 2,
    totals: {
      received: value('received', 1200),
      complaints: value('complaints', 700),
      reports: value('reports', 300),
      consultations: value('consultations', 150),
      suggestions: value('suggestions', 50),
      completion_rate: value('completion_rate', 95.5, 1146, 1200),
      on_time_completion_rate: value('on_time_completion_rate', 97.25, 389, 400),
      overdue_open: value('overdue_open', 9),
    },
    previousReceived: 1000,
    yearAgoReceived: 1500,
    targets: { on_time_completion_rate: 100 },
    units,
    redList: { regionCodes: ['620100', '620200', '620300'], tieAtCut: false },
    blackList: { regionCodes: ['620400', '620500', '620600'], tieAtCut: false },
    overdueAsOf: '2026-07-01',
    operators: [{ name: '某某餐饮店', count: 9, previousCount: 1, spike: true }],
    industries: [{ name: '餐饮业', count: 20, previousCount: 10, spike: false }],
    ...over,
  };
}

const text = (f: NoticeFacts) =>
  noticeSections(f)
    .flatMap((s) => [s.heading ?? '', ...s.paragraphs])
    .join('\n');

describe('notice sentences', () => {
  it('dates and months as GB/T 9704-2012 writes them', () => {
    expect(monthZh('2026-06')).toBe('2026年6月');
    expect(dateZh('2026-07-05')).toBe('2026年7月5日');
  });

  it('received and its changes; rates against the configured targets', () => {
    const t = text(facts());
    expect(t).toContain('共登记投诉、举报、咨询和建议1200件（其中投诉700件、举报300件、咨询150件、建议50件）');
    expect(t).toContain('环比增长20.0%（上月1000件）');
    expect(t).toContain('同比下降20.0%（去年同月1500件）');
    expect(t).toContain('办结率为95.50%（1146/1200）；');
    expect(t).toContain('按时办结率为97.25%（389/400），低于目标值（100%）2.75个百分点');
    expect(changeZh('环比', 5, 0, '上月')).toBe('环比无可比数据（上月0件）');
    expect(changeZh('环比', 5, 5, '上月')).toBe('与上月持平');
  });

  it('top and bottom three with their rank change and moved points; unscored units named', () => {
    const t = text(facts());
    expect(t).toContain('前三名的是：兰州市（91.50分）、嘉峪关市（88.00分）、金昌市（80.25分）');
    expect(t).toContain('后三名的是：白银市（70.00分）、天水市（60.00分）、武威市（55.50分）');
    expect(t).toContain('兰州市较上月上升2位，得分变化较大的指标：按时办结率得分增加4.50分');
    expect(t).toContain('金昌市较上月下降2位');
    expect(t).toContain('天水市上月无排名');
    expect(t).toContain('张掖市本月无评分');
  });

  it('few scored units: the bottom list names none twice', () => {
    const t = text(
      facts({
        redList: { regionCodes: ['620100', '620200'], tieAtCut: false },
        blackList: { regionCodes: ['620100', '620200'], tieAtCut: false },
      }),
    );
    expect(t).toContain('前三名的是：兰州市（91.50分）、嘉峪关市（88.00分）（参评单位共2个）。');
    expect(t).not.toContain('后三名');
  });

  it('overdue by unit, most first, counted to the month’s last day; hotspots with the spike named', () => {
    const t = text(facts());
    expect(t).toContain('截至2026年6月30日，全省超期未办结案件共9件，其中白银市5件、兰州市2件；其余5个市无超期未办结案件');
    expect(t).toContain('某某餐饮店（9件，上月1件）');
    expect(t).toContain('主要集中在餐饮业（20件）');
    expect(t).toContain('其中某某餐饮店件数不少于前三个月之和');
    expect(text(facts({ operators: [], industries: [] }))).toContain('2026年6月全省未登记食品安全类投诉举报。');
  });
});
