/**
 * Working-day arithmetic on day numbers and the due dates of indicators.md §2 (taken from the domain's
 * `computeDueDates`, the one definition of the rule table), so that generated completions fall on the intended side
 * of each deadline (on time ⇔ completion date ≤ due date).
 */
import { addWorkdays, computeDueDates, type DueDateInput } from './domain-port';
import { dayOfIso, isoOfDay, weekdayOf } from './wall-clock';

const memo = new Map<number, number>();

/** Weekend-only stand-in, used only past the calendar's last year (events after the export's snapshot anyway). */
function addWeekdays(day: number, n: number): number {
  let d = day;
  for (let k = 0; k < n; ) {
    d++;
    const wd = weekdayOf(d);
    if (wd !== 0 && wd !== 6) k++;
  }
  return d;
}

function calendarMissing(e: unknown): boolean {
  return e instanceof Error && e.name === 'CalendarYearMissingError';
}

/** indicators.md §1 `addWorkdays(d, n)` on day numbers (d itself not counted). */
export function addWd(day: number, n: number): number {
  const key = day * 512 + n;
  let r = memo.get(key);
  if (r === undefined) {
    try {
      r = dayOfIso(addWorkdays(isoOfDay(day), n));
    } catch (e) {
      if (!calendarMissing(e)) throw e;
      r = addWeekdays(day, n);
    }
    memo.set(key, r);
  }
  return r;
}

const BLANK: DueDateInput = {
  kind: 'COMPLAINT',
  registeredAt: '',
  dispatchedAt: null,
  status: '处理中',
  acceptance: null,
  decidedAt: null,
  filingDecidedAt: null,
  extensionApproved: null,
  pausedDays: null,
  realNameReport: null,
};

const at = (day: number) => `${isoOfDay(day)} 12:00:00`;

const dueMemo = new Map<string, number>();

/** Memoised: the ~10 inputs that matter repeat over a million rows (a few hundred days × a few counts). */
function due(
  input: Partial<DueDateInput>,
  stage: 'dispatch' | 'acceptance' | 'closing' | 'verification' | 'notification',
  fallback: () => number,
): number {
  const key = `${stage}|${input.registeredAt}|${input.decidedAt}|${input.filingDecidedAt}|${input.pausedDays}|${input.extensionApproved}`;
  let r = dueMemo.get(key);
  if (r === undefined) {
    r = dueUncached(input, stage, fallback);
    dueMemo.set(key, r);
  }
  return r;
}

function dueUncached(
  input: Partial<DueDateInput>,
  stage: 'dispatch' | 'acceptance' | 'closing' | 'verification' | 'notification',
  fallback: () => number,
): number {
  try {
    const d = computeDueDates({ ...BLANK, ...input })[stage];
    if (d === null) throw new Error(`no ${stage} due date for ${JSON.stringify(input)}`);
    return dayOfIso(d);
  } catch (e) {
    if (!calendarMissing(e)) throw e;
    return fallback();
  }
}

export const dueDispatch = (reg: number) =>
  due({ registeredAt: at(reg), dispatchedAt: at(reg) }, 'dispatch', () => addWeekdays(reg, 1));
export const dueAcceptance = (reg: number) => due({ registeredAt: at(reg) }, 'acceptance', () => addWeekdays(reg, 7));
export const dueClosing = (reg: number, decided: number, pausedDays: number) =>
  due({ registeredAt: at(reg), acceptance: '受理', decidedAt: at(decided), pausedDays }, 'closing', () =>
    addWeekdays(decided, 45 + pausedDays),
  );
export const dueVerification = (reg: number, extension: boolean, pausedDays: number) =>
  due({ kind: 'REPORT', registeredAt: at(reg), extensionApproved: extension, pausedDays }, 'verification', () =>
    addWeekdays(reg, 15 + (extension ? 15 : 0) + pausedDays),
  );
export const dueNotification = (reg: number, filingDecided: number) =>
  due({ kind: 'REPORT', registeredAt: at(reg), realNameReport: true, filingDecidedAt: at(filingDecided) }, 'notification', () =>
    addWeekdays(filingDecided, 5),
  );
