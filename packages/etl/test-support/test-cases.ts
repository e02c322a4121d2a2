/**
 * Building blocks for tests that need cases in the store: a complete CaseRecord from a few fields, written straight
 * into `cases` / `case_versions` through the same row builder the loader uses.
 */
import type { CaseRecord } from '@c12315/domain';
import { type ClickHouseClient, markMonthsDirty, refreshReadModel, registrationMonth } from '@c12315/store';
import { toCaseRow } from '../src/load/case-row';

export function caseRecord(
  fields: Partial<CaseRecord> & Pick<CaseRecord, 'caseId' | 'kind' | 'registeredAt' | 'handlingUnitCode'>,
): CaseRecord {
  return {
    channel: '12315热线',
    handlingUnitName: `单位${fields.handlingUnitCode}`,
    respondentName: null,
    respondentUscc: null,
    respondentRegionCode: null,
    entityType: null,
    industryCode: null,
    objectCategory: null,
    problemCategory: null,
    onlinePurchase: null,
    platformName: null,
    amountInvolved: null,
    dispatchedAt: null,
    acceptance: null,
    rejectionReason: null,
    decidedAt: null,
    status: fields.closedAt ? '已办结' : '处理中',
    closedAt: null,
    outcome: null,
    recoveredAmount: null,
    complaintToCase: null,
    filingDecidedAt: null,
    extensionApproved: null,
    pausedDays: null,
    realNameReport: null,
    reporterNotifiedAt: null,
    satisfaction: null,
    disclosed: null,
    updatedAt: fields.closedAt ?? fields.registeredAt,
    ...fields,
  };
}

/**
 * Insert records as current versions (load sequence 1, one row each, no previous versions), and keep the read model
 * as the loader does: their registration months marked dirty first, rebuilt after.
 */
export async function insertCases(ch: ClickHouseClient, records: CaseRecord[], loadId = 'test'): Promise<void> {
  const rows = records.map((r, i) => toCaseRow(r, { loadId, loadSeq: 1, sourceRow: i + 2 }));
  await markMonthsDirty(
    ch,
    rows.map((r) => registrationMonth(r.registered_date)),
  );
  await ch.insert({ table: 'cases', values: rows, format: 'JSONEachRow' });
  await ch.insert({
    table: 'case_versions',
    values: rows.map((r) => ({
      case_id: r.case_id,
      updated_at: r.updated_at,
      content_hash: r.content_hash,
      version: r.version,
      province_code: r.province_code,
      city_code: r.city_code,
      county_code: r.county_code,
      kind: r.kind,
      registered_date: r.registered_date,
      load_id: r.load_id,
    })),
    format: 'JSONEachRow',
  });
  await refreshReadModel(ch);
}
