/**
 * The full life of one case as the platform would record it: dispatch, acceptance decision, verification and filing,
 * notification, closing, the satisfaction call-back. Each stage is on time unless a draw says late; weak areas draw
 * "late" ~12 % of the time, the others ~1.2 % (issue §4: on-time mostly 95–100 %, weak cities 80–90 %). A few cases
 * never close ("stuck"), which gives overdue open cases at the end of the range. What an export shows is a
 * snapshot of this life at one moment (case-snapshot.ts).
 */
import type { CaseKind } from '@c12315/domain';
import { addWd, dueAcceptance, dueClosing, dueDispatch, dueNotification, dueVerification } from './due-days';
import { type Rand, WeightedTable } from './random';
import { DAY, dayOf } from './wall-clock';

export interface Lifecycle {
  dispatchedTs: number | null;
  decidedTs: number | null;
  acceptance: '受理' | '不予受理' | null;
  rejectionReason: string | null;
  filingTs: number | null;
  extension: boolean | null;
  realName: boolean | null;
  notifiedTs: number | null;
  pausedDays: number | null;
  /** Infinity: never closes within any export (stuck case). */
  closedTs: number;
  outcome: string;
  callbackTs: number | null;
  satisfaction: string | null;
  /** Seconds between the last event and 更新时间. */
  updateLag: number;
}

const REJECTION_REASONS = WeightedTable.of([
  ['不属于职责范围', 30],
  ['已由其他机构处理', 10],
  ['非生活消费', 15],
  ['超过三年', 3],
  ['材料不全', 20],
  ['身份核验不通过', 7],
  ['其他', 15],
] as const);
const TERMINATIONS = WeightedTable.of([
  ['终止调解-撤回或自行和解', 35],
  ['终止调解-拒绝调解', 20],
  ['终止调解-无法达成协议', 25],
  ['终止调解-检测鉴定无法达成一致', 3],
  ['终止调解-超过期限', 3],
  ['终止调解-不符合受理条件', 5],
  ['终止调解-主体灭失', 4],
  ['终止调解-其他', 5],
] as const);
const REPORT_OUTCOMES = WeightedTable.of([
  ['立案', 15],
  ['不予立案', 50],
  ['移送有管辖权机关', 15],
  ['移送司法机关', 1],
  ['重复举报不予处理', 12],
  ['并案处理', 7],
] as const);

/** A working-hours timestamp on `day`, never before `notBefore`. */
function eventOn(rand: Rand, day: number, notBefore: number): number {
  const ts = day * DAY + 8 * 3600 + 1800 + rand.int(0, 9 * 3600);
  if (ts > notBefore) return ts;
  return Math.max(notBefore + 1, Math.min(day * DAY + DAY - 1, notBefore + rand.int(60, 7200)));
}

export interface LifecycleInput {
  kind: CaseKind;
  regTs: number;
  dispatched: boolean;
  weak: boolean;
  mediationSuccess: number;
}

export function simulateLifecycle(rand: Rand, c: LifecycleInput): Lifecycle {
  const late = () => rand.chance(c.weak ? 0.12 : 0.012);
  const reg = dayOf(c.regTs);
  const life: Lifecycle = {
    dispatchedTs: null,
    decidedTs: null,
    acceptance: null,
    rejectionReason: null,
    filingTs: null,
    extension: null,
    realName: null,
    notifiedTs: null,
    pausedDays: null,
    closedTs: Number.POSITIVE_INFINITY,
    outcome: '',
    callbackTs: null,
    satisfaction: null,
    updateLag: rand.int(5, 900),
  };
  let last = c.regTs;
  if (c.dispatched) {
    const day = late() ? addWd(reg, rand.int(2, 4)) : rand.chance(0.6) ? reg : dueDispatch(reg);
    life.dispatchedTs = eventOn(rand, day, c.regTs + 300);
    last = life.dispatchedTs;
  }

  if (c.kind === 'COMPLAINT') {
    const due = dueAcceptance(reg);
    let day = late() ? addWd(due, rand.int(1, 6)) : Math.min(due, addWd(reg, rand.int(1, 4) + (rand.chance(0.2) ? 3 : 0)));
    day = Math.max(day, dayOf(last));
    life.decidedTs = eventOn(rand, day, last);
    if (rand.chance(0.13)) {
      life.acceptance = '不予受理';
      life.rejectionReason = REJECTION_REASONS.pick(rand);
      life.outcome = '不予受理';
      life.closedTs = life.decidedTs + rand.int(60, 3600);
    } else {
      life.acceptance = '受理';
      life.pausedDays = rand.chance(0.04) ? rand.int(5, 30) : rand.chance(0.7) ? 0 : null;
      const closeDue = dueClosing(reg, day, life.pausedDays ?? 0);
      const stuck = rand.chance(c.weak ? 0.03 : 0.003);
      if (!stuck) {
        const k = Math.max(1, Math.round(rand.logNormal(9, 0.7)));
        const closeDay = late() ? addWd(closeDue, rand.int(1, 20)) : Math.min(closeDue, addWd(day, k));
        life.closedTs = eventOn(rand, closeDay, life.decidedTs);
      }
      const r = rand.next();
      life.outcome =
        r < c.mediationSuccess
          ? '调解成功'
          : r < c.mediationSuccess + 0.04
            ? 'ODR先行和解'
            : r < c.mediationSuccess + 0.07
              ? '移送'
              : TERMINATIONS.pick(rand);
    }
  } else if (c.kind === 'REPORT') {
    life.extension = rand.chance(c.weak ? 0.15 : 0.08);
    life.pausedDays = rand.chance(0.02) ? rand.int(5, 20) : rand.chance(0.7) ? 0 : null;
    life.realName = rand.chance(0.55);
    life.outcome = REPORT_OUTCOMES.pick(rand);
    const due = dueVerification(reg, life.extension, life.pausedDays ?? 0);
    const stuck = rand.chance(c.weak ? 0.02 : 0.002);
    if (!stuck) {
      const k = Math.max(1, Math.round(rand.logNormal(7, 0.5)));
      const day = Math.max(dayOf(last), late() ? addWd(due, rand.int(1, 10)) : Math.min(due, addWd(reg, k)));
      const decisionTs = eventOn(rand, day, last);
      let closeAfter = decisionTs;
      if (life.outcome === '立案' || life.outcome === '不予立案') {
        life.filingTs = decisionTs;
        if (life.realName) {
          const nDay = late() ? addWd(dueNotification(reg, day), rand.int(1, 5)) : addWd(day, rand.int(0, 5));
          life.notifiedTs = eventOn(rand, nDay, decisionTs);
          closeAfter = life.notifiedTs;
        }
      }
      life.closedTs = eventOn(rand, dayOf(closeAfter) + (rand.chance(0.5) ? 0 : 1), closeAfter);
    }
  } else {
    // Consultations and suggestions: mostly answered on the call; a few handed to a unit for a written answer.
    life.outcome = '已答复';
    life.closedTs = life.dispatchedTs === null ? c.regTs + rand.int(120, 1500) : eventOn(rand, addWd(reg, rand.int(1, 5)), last);
  }

  if (Number.isFinite(life.closedTs) && rand.chance(c.kind === 'COMPLAINT' ? 0.75 : c.kind === 'REPORT' ? 0.4 : 0.2)) {
    life.callbackTs = eventOn(rand, dayOf(life.closedTs) + rand.int(1, 7), life.closedTs);
    const r = rand.next();
    const unhappy = c.weak ? 0.15 : 0.07;
    life.satisfaction = r < 0.12 ? '未回访' : r < 1 - unhappy - 0.12 ? '满意' : r < 1 - unhappy ? '基本满意' : '不满意';
  }
  return life;
}
