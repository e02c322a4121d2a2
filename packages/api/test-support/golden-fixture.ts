/**
 * The golden fixture of the indicator, metrics and ranking tests: Shanxi (140000), cities 太原 140100 (A), 大同
 * 140200 (B), 阳泉 140300 (C), 长治 140400 (D), one province-level unit; months 2025-12 and 2026-01.
 *
 * Calendar facts used by the hand computations (State Council notices, via chinese-days):
 *  - 2026-01-01 (Thu), 01-02 (Fri), 01-03 (Sat) are off; 2026-01-04 (Sun) is a make-up working day (调休上班).
 *  - 2026-02-14 (Sat) and 2026-02-28 (Sat) are make-up working days; 02-15 … 02-23 are off.
 *  - November and December 2025: plain Monday–Friday.
 *
 * Due dates (indicators.md §2, SAMR20: all registered before 2026-04-15), hand-computed:
 *  - A1 acceptance = addWorkdays(2025-12-31, 7): 01-04(make-up) 05 06 07 08 09 12 → 2026-01-12 (01-13 without the
 *    make-up day). Decided 01-13: one day late.
 *  - A1 closing = addWorkdays(2026-01-13, 45): 14–16 (3), 19–23 (8), 26–30 (13), 02-02–06 (18), 09–13 (23),
 *    02-14 make-up Saturday (24), 24–27 (28), 02-28 make-up Saturday (29), 03-02–06 (34), 09–13 (39), 16–20 (44),
 *    03-23 (45) → 2026-03-23.
 *  - B1 closing = addWorkdays(2025-11-05, 45): Nov 6–28 (17), Dec 1–31 (40), 01-04 make-up (41), 01-05–08 (45) →
 *    2026-01-08. Closed 01-09: a day late (on time without the make-up Sunday).
 *  - A4 acceptance = addWorkdays(2026-01-05, 7) = 2026-01-14 (never decided: due exactly on an asOf of 01-14).
 *  - B2 dispatch = addWorkdays(2026-01-06, 1) = 01-07; B2 verification = addWorkdays(01-06, 15) = 01-27.
 *  - C1 verification = addWorkdays(2026-01-05, 15) = 01-26; C1 notification = addWorkdays(01-16, 5) = 01-23.
 *  - C2 acceptance = addWorkdays(2026-01-07, 7) = 01-16; A3/B3 acceptance = addWorkdays(2025-12-01, 7) = 12-10.
 *  - P1 acceptance = addWorkdays(2026-01-05, 7) = 01-14.
 * C2 is loaded twice: an older open version, then a newer closed one (higher updated_at → higher version) that
 * replaces it.
 */
import type { CaseRecord } from '@c12315/domain';
import { caseRecord, insertCases } from '@c12315/etl/test-support';
import type { ClickHouseClient } from '@c12315/store';

const complete = {
  objectCategory: '商品-家用电器',
  problemCategory: '质量',
  industryCode: '51',
  respondentName: '某某电器有限公司',
} as const;

const mediated = {
  acceptance: '受理',
  outcome: '调解成功',
  satisfaction: '满意',
  disclosed: true,
  ...complete,
} as const;

export const GOLDEN_CASES: CaseRecord[] = [
  caseRecord({
    caseId: 'A1',
    kind: 'COMPLAINT',
    handlingUnitCode: '140105',
    registeredAt: '2025-12-31 10:00:00',
    decidedAt: '2026-01-13 09:00:00',
    closedAt: '2026-01-20 15:00:00',
    complaintToCase: false,
    recoveredAmount: '100.00',
    ...mediated,
  }),
  caseRecord({
    caseId: 'A3',
    kind: 'COMPLAINT',
    handlingUnitCode: '140100',
    registeredAt: '2025-12-01 09:00:00',
    decidedAt: '2025-12-03 10:00:00',
    closedAt: '2025-12-19 16:00:00',
    complaintToCase: false,
    recoveredAmount: '50.00',
    ...mediated,
  }),
  caseRecord({
    caseId: 'A4',
    kind: 'COMPLAINT',
    handlingUnitCode: '140100',
    registeredAt: '2026-01-05 11:00:00',
    status: '待受理',
  }),
  caseRecord({
    caseId: 'B1',
    kind: 'COMPLAINT',
    handlingUnitCode: '140200',
    registeredAt: '2025-11-03 09:00:00',
    decidedAt: '2025-11-05 10:00:00',
    closedAt: '2026-01-09 10:00:00',
    complaintToCase: true,
    recoveredAmount: '200.50',
    ...mediated,
  }),
  caseRecord({
    caseId: 'B2',
    kind: 'REPORT',
    handlingUnitCode: '140200',
    registeredAt: '2026-01-06 09:00:00',
    dispatchedAt: '2026-01-07 09:00:00',
    filingDecidedAt: '2026-01-20 10:00:00',
    realNameReport: false,
  }),
  caseRecord({
    caseId: 'B3',
    kind: 'COMPLAINT',
    handlingUnitCode: '140200',
    registeredAt: '2025-12-01 10:00:00',
    decidedAt: '2025-12-12 10:00:00',
    closedAt: '2025-12-22 10:00:00',
    complaintToCase: true,
    ...mediated,
  }),
  caseRecord({
    caseId: 'C1',
    kind: 'REPORT',
    handlingUnitCode: '140300',
    registeredAt: '2026-01-05 09:00:00',
    realNameReport: true,
    filingDecidedAt: '2026-01-16 10:00:00',
    reporterNotifiedAt: '2026-01-23 10:00:00',
    closedAt: '2026-01-26 10:00:00',
    outcome: '立案',
    satisfaction: '不满意',
    ...complete,
    problemCategory: '侵害消费者权益行为',
  }),
  caseRecord({
    caseId: 'C3',
    kind: 'CONSULTATION',
    handlingUnitCode: '140300',
    registeredAt: '2026-01-12 09:00:00',
    closedAt: '2026-01-15 10:00:00',
    outcome: '已答复',
    satisfaction: '满意',
  }),
  caseRecord({
    caseId: 'C4',
    kind: 'CONSULTATION',
    handlingUnitCode: '140300',
    registeredAt: '2026-01-13 09:00:00',
    closedAt: '2026-01-15 11:00:00',
    outcome: '已答复',
    satisfaction: '满意',
  }),
  caseRecord({ caseId: 'D1', kind: 'CONSULTATION', handlingUnitCode: '140400', registeredAt: '2026-01-10 09:00:00' }),
  caseRecord({
    caseId: 'P1',
    kind: 'COMPLAINT',
    handlingUnitCode: '140000',
    registeredAt: '2026-01-05 10:00:00',
    decidedAt: '2026-01-06 10:00:00',
    closedAt: '2026-01-12 10:00:00',
    complaintToCase: false,
    ...mediated,
  }),
];

const C2_BASE = {
  caseId: 'C2',
  kind: 'COMPLAINT',
  handlingUnitCode: '140300',
  registeredAt: '2026-01-07 09:00:00',
  acceptance: '受理',
  decidedAt: '2026-01-08 09:00:00',
  ...complete,
} as const;

/** The older version: accepted, still open. */
export const C2_OLD = caseRecord({ ...C2_BASE, status: '处理中', updatedAt: '2026-01-08 09:00:00' });

/** The newer version: closed 01-27 with 终止调解, 基本满意, not disclosed, 客体类别 missing (incomplete). */
export const C2_NEW = caseRecord({
  ...C2_BASE,
  closedAt: '2026-01-27 10:00:00',
  updatedAt: '2026-01-28 09:00:00',
  outcome: '终止调解-拒绝调解',
  satisfaction: '基本满意',
  disclosed: false,
  objectCategory: null,
});

export async function loadGoldenFixture(ch: ClickHouseClient): Promise<void> {
  await insertCases(ch, [...GOLDEN_CASES, C2_OLD], 'golden-1');
  await insertCases(ch, [C2_NEW], 'golden-2');
}
