-- The case store: one row per case version, one *current* version per case for every query.
--
-- Engine: ReplacingMergeTree(version, is_deleted). Queries read `cases FINAL`, which keeps, per sorting key, the row
-- with the greatest `version` and drops it when that row is a tombstone (is_deleted = 1). A newer version of a case
-- whose sorting key changed (re-assigned unit, corrected registration date) is written together with a tombstone of
-- the old key, so a case never counts twice. `version` = updated_at (epoch s) << 24 | load sequence: a newer
-- 更新时间 always wins, and an equal 更新时间 with other content (a conflict) goes to the later load.
--
-- Sorting key: province → city → county → kind → registration date → case id, the order of every indicator query
-- (region prefix first, then kind, then month). Partitions by registration month keep month scans cheap and keep a
-- case's versions together (FINAL merges inside a partition; cross-partition moves carry their own tombstone).
CREATE TABLE IF NOT EXISTS cases {{ON_CLUSTER}}
(
    case_id               String,
    kind                  Enum8('COMPLAINT' = 1, 'REPORT' = 2, 'CONSULTATION' = 3, 'SUGGESTION' = 4),
    registered_at         DateTime('Asia/Shanghai'),
    registered_date       Date,
    channel               LowCardinality(String),
    handling_unit_name    String,
    handling_unit_code    LowCardinality(String),
    -- the handling unit's place in the hierarchy ('' where the unit sits above that level)
    province_code         LowCardinality(String),
    city_code             LowCardinality(String),
    county_code           LowCardinality(String),
    station_code          LowCardinality(String),
    respondent_name       Nullable(String),
    respondent_uscc       Nullable(String),
    respondent_region_code Nullable(String),
    entity_type           LowCardinality(Nullable(String)),
    industry_code         Nullable(String),
    industry_division     LowCardinality(String),         -- GB/T 4754 大类 (2 digits) or ''
    object_category       Nullable(String),
    problem_category      LowCardinality(Nullable(String)),
    online_purchase       Nullable(Bool),
    platform_name         Nullable(String),
    amount_involved       Nullable(Decimal(18, 2)),
    dispatched_at         Nullable(DateTime('Asia/Shanghai')),
    acceptance            LowCardinality(Nullable(String)),
    rejection_reason      LowCardinality(Nullable(String)),
    decided_at            Nullable(DateTime('Asia/Shanghai')),
    status                LowCardinality(String),
    closed_at             Nullable(DateTime('Asia/Shanghai')),
    outcome               LowCardinality(Nullable(String)),
    recovered_amount      Nullable(Decimal(18, 2)),
    complaint_to_case     Nullable(Bool),
    filing_decided_at     Nullable(DateTime('Asia/Shanghai')),
    extension_approved    Nullable(Bool),
    paused_days           Nullable(UInt16),
    real_name_report      Nullable(Bool),
    reporter_notified_at  Nullable(DateTime('Asia/Shanghai')),
    satisfaction          LowCardinality(Nullable(String)),  -- 满意 · 基本满意 · 不满意 · 未回访 (scores folded)
    disclosed             Nullable(Bool),
    updated_at            DateTime('Asia/Shanghai'),
    -- derived at load time (packages/domain rules)
    food_related          Bool,                            -- indicators.md §6
    operator_key          String,                          -- USCC, else folded name, else ''
    rule_set              LowCardinality(String),          -- SAMR20 | SAMR121 by registration date
    dispatch_due          Nullable(Date),
    acceptance_due        Nullable(Date),
    closing_due           Nullable(Date),
    verification_due      Nullable(Date),
    notification_due      Nullable(Date),
    handling_workdays     Nullable(UInt16),                -- working days in (registered date, closed date]
    -- versioning and lineage
    content_hash          String,                          -- of the parsed values: "same content" (case-export.md §Versions)
    load_id               String,
    source_row            UInt32,
    version               UInt64,
    is_deleted            UInt8 DEFAULT 0
)
ENGINE = {{ENGINE:ReplacingMergeTree:cases}}(version, is_deleted)
PARTITION BY toYYYYMM(registered_date)
ORDER BY (province_code, city_code, county_code, kind, registered_date, case_id);
