/**
 * Dirty rows: one defect of each kind the contract names (case-export.md §Columns and §Consistency rules), so the
 * ETL's reject file and warnings are exercised. `reject` defects must make the ETL refuse the row; `warning`
 * defects (invalid USCC, a complaint-only field on a report) must let it load with a warning.
 */
import type { ExportRow } from './columns';
import { isKnownHandlingUnitCode } from './domain-port';
import type { Rand } from './random';
import { corruptUscc } from './uscc';

export type DefectSeverity = 'reject' | 'warning';

interface Defect {
  id: string;
  severity: DefectSeverity;
  /** Applies the defect; false when the row has no place for it (then another defect is tried). */
  apply(row: ExportRow, rand: Rand): boolean;
}

const REQUIRED = ['业务类型', '登记时间', '接收渠道', '承办单位', '承办单位代码', '处理状态', '更新时间'];
const BAD_ENUMS: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['业务类型', ['投拆', '其它', 'complaint']],
  ['接收渠道', ['12316热线', '电话', '网络']],
  ['处理状态', ['已完成', '办理中', '结案']],
  ['是否网购', ['Y', '有', '1']],
  ['回访结果', ['很满意', '6', '0']],
  ['市场主体类型', ['私营企业', '公司']],
  ['问题类别', ['服务态度', '质量问题']],
  ['客体类别', ['商品-零食', '货物-食品', '食品']],
];
const BAD_DATES = ['2024-13-45 25:00:00', '2024年3月5日', '3/5/2024 14:03', '明天', '2024-02-30 10:00:00', '00:00:00'];
const BAD_AMOUNTS = ['12..5', '-30.00', '一百元', '1.234', '12,34,5.6', '1e3'];
const DATES_AFTER_REG = ['分送时间', '受理决定时间', '办结时间', '立案决定时间', '告知时间'];

function presentDateColumn(row: ExportRow, rand: Rand): string | null {
  const cols = DATES_AFTER_REG.filter((c) => row[c]);
  return cols.length > 0 ? rand.pick(cols) : null;
}

export const DEFECTS: readonly Defect[] = [
  {
    id: 'missing-required',
    severity: 'reject',
    apply: (r, rand) => {
      r[rand.pick(REQUIRED)] = '';
      return true;
    },
  },
  {
    id: 'bad-enum',
    severity: 'reject',
    apply: (r, rand) => {
      const [col, values] = rand.pick(BAD_ENUMS);
      r[col] = rand.pick(values);
      return true;
    },
  },
  {
    id: 'bad-date',
    severity: 'reject',
    apply: (r, rand) => {
      r[rand.pick(['登记时间', '更新时间'])] = rand.pick(BAD_DATES);
      return true;
    },
  },
  {
    id: 'future-date',
    severity: 'reject',
    apply: (r, rand) => {
      r.更新时间 = `2099-0${rand.int(1, 9)}-1${rand.int(0, 9)} 10:00:00`;
      return true;
    },
  },
  {
    id: 'closed-without-closed-at',
    severity: 'reject',
    apply: (r) => {
      if (r.处理状态 !== '已办结') return false;
      r.办结时间 = '';
      return true;
    },
  },
  {
    id: 'closed-at-on-open-case',
    severity: 'reject',
    apply: (r) => {
      if (r.处理状态 === '已办结' || !r.更新时间) return false;
      r.办结时间 = r.更新时间;
      return true;
    },
  },
  {
    id: 'outcome-not-matching-kind',
    severity: 'reject',
    apply: (r) => {
      if (!r.办结结果) return false;
      r.办结结果 = r.业务类型 === '举报' ? '调解成功' : r.业务类型 === '投诉' ? '立案' : '调解成功';
      return true;
    },
  },
  {
    id: 'unknown-unit-code',
    severity: 'reject',
    apply: (r, rand) => {
      const p = (r.承办单位代码 ?? '').slice(0, 2);
      const candidates = [`${p}9999`, `${p}9899`, '990000', `${p}99${rand.int(10, 98)}`, '12345', 'A10100'];
      r.承办单位代码 = candidates.find((c) => !isKnownHandlingUnitCode(c)) ?? '990000';
      return true;
    },
  },
  {
    id: 'amount-malformed',
    severity: 'reject',
    apply: (r, rand) => {
      r[r.挽回经济损失 && rand.chance(0.3) ? '挽回经济损失' : '涉及金额'] = rand.pick(BAD_AMOUNTS);
      return true;
    },
  },
  {
    id: 'paused-days-malformed',
    severity: 'reject',
    apply: (r, rand) => {
      r.中止天数 = rand.pick(['3.5', '-2', '五']);
      return true;
    },
  },
  {
    id: 'date-before-registration',
    severity: 'reject',
    apply: (r, rand) => {
      const col = presentDateColumn(r, rand);
      if (!col) return false;
      r[col] = '2000-01-01 08:00:00';
      return true;
    },
  },
  {
    id: 'date-after-update',
    severity: 'reject',
    apply: (r, rand) => {
      const col = presentDateColumn(r, rand);
      if (!col || !r.更新时间) return false;
      r.更新时间 = '2000-01-02 08:00:00';
      r.登记时间 = '2000-01-01 08:00:00';
      return true;
    },
  },
  {
    id: 'case-id-too-long',
    severity: 'reject',
    apply: (r) => {
      r.登记编号 = `${r.登记编号}${'X'.repeat(41)}`;
      return true;
    },
  },
  {
    id: 'invalid-uscc',
    severity: 'warning',
    apply: (r) => {
      if (!r.统一社会信用代码 || r.统一社会信用代码.length !== 18) return false;
      r.统一社会信用代码 = corruptUscc(r.统一社会信用代码);
      return true;
    },
  },
  {
    id: 'complaint-field-on-other-kind',
    severity: 'warning',
    apply: (r) => {
      if (r.业务类型 === '投诉') return false;
      r.受理决定 = '受理';
      return true;
    },
  },
];

/** Puts one defect on the row (trying others when the drawn one does not fit it); returns what it did. */
export function makeDirty(row: ExportRow, rand: Rand): { id: string; severity: DefectSeverity } {
  const start = rand.int(0, DEFECTS.length - 1);
  for (let i = 0; i < DEFECTS.length; i++) {
    const d = DEFECTS[(start + i) % DEFECTS.length] as Defect;
    if (d.apply(row, rand)) return { id: d.id, severity: d.severity };
  }
  throw new Error('unreachable: missing-required always applies');
}
