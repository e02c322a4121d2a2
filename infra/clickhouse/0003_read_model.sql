-- The read model: tables derived from `cases FINAL` that every read path answers from (issue "Scale").
--
-- Both are partitioned by the registration month of the cases they come from (`reg_month`), and a month's partition
-- is rebuilt whole from that month's cases whenever a load touched one of them (read-model-build.ts): the old
-- partition is replaced atomically (REPLACE PARTITION), so a rebuild is idempotent and a load killed at any point is
-- repaired by rebuilding the months it marked dirty in `read_model_state` before it wrote a case.
--
-- indicator_facts: per unit (province → city → county), kind, fact and one or two dates, the sums of every indicator
-- term that reads that fact (indicator-terms.ts). Cost of a question grows with units × days, not with cases.
-- Sorting key: province and city first (every ranking and drill-down fixes the province, a city chief's questions the
-- city too), then fact and its windowed date d1, so a month's question reads a few key ranges per city.
CREATE TABLE IF NOT EXISTS indicator_facts {{ON_CLUSTER}}
(
    reg_month      UInt32,
    province_code  LowCardinality(String),
    city_code      LowCardinality(String),
    county_code    LowCardinality(String),
    kind           Enum8('COMPLAINT' = 1, 'REPORT' = 2, 'CONSULTATION' = 3, 'SUGGESTION' = 4),
    fact           LowCardinality(String),
    d1             Date,
    d2             Nullable(Date),
    v              Array(Int64)
)
ENGINE = {{ENGINE:MergeTree:indicator_facts}}
PARTITION BY reg_month
ORDER BY (province_code, city_code, fact, d1, county_code, kind)
-- Granules of 1,024 rows: a question reads a few short key ranges per fact and partition (8,192 read ~4× its rows).
SETTINGS index_granularity = 1024;

-- indicator_facts_city: the same sums with the county left out (county_code ''), for the questions that need no
-- county — a province's city ranking, a region's indicators by city or month — which read several times fewer rows.
-- Its questions are mostly a whole province's: fact and date before the city.
CREATE TABLE IF NOT EXISTS indicator_facts_city {{ON_CLUSTER}} AS indicator_facts
ENGINE = {{ENGINE:MergeTree:indicator_facts_city}}
PARTITION BY reg_month
ORDER BY (province_code, fact, d1, city_code, kind)
SETTINGS index_granularity = 1024;

-- overdue_spans: one row per case and stage that is overdue on some day — the days D with start ≤ D ≤ end_date
-- (indicators.md §3; end_date 2149-06-06 while the stage is still open). The overdue list and its count read it;
-- `due_ordinal` is the due date's working-day ordinal, so overdue working days as of D are ord(D) − due_ordinal.
CREATE TABLE IF NOT EXISTS overdue_spans {{ON_CLUSTER}}
(
    reg_month          UInt32,
    case_id            String,
    stage              LowCardinality(String),
    start_date         Date,
    end_date           Date,
    due_date           Date,
    due_ordinal        UInt32,
    kind               Enum8('COMPLAINT' = 1, 'REPORT' = 2, 'CONSULTATION' = 3, 'SUGGESTION' = 4),
    registered_at      DateTime('Asia/Shanghai'),
    province_code      LowCardinality(String),
    city_code          LowCardinality(String),
    county_code        LowCardinality(String),
    station_code       LowCardinality(String),
    handling_unit_code LowCardinality(String),
    handling_unit_name String,
    respondent_name    Nullable(String),
    object_category    Nullable(String),
    problem_category   LowCardinality(Nullable(String))
)
ENGINE = {{ENGINE:MergeTree:overdue_spans}}
PARTITION BY reg_month
ORDER BY (province_code, city_code, end_date, county_code, due_ordinal, case_id);

-- The read model's own state: `month:YYYYMM` → dirty | clean, and `definition` → the hash of the build statements
-- (a changed definition rebuilds every month once). The newest version of a key wins; a rebuild writes `clean` with
-- the version taken when it started reading, so a month marked dirty meanwhile stays dirty.
CREATE TABLE IF NOT EXISTS read_model_state {{ON_CLUSTER}}
(
    key      String,
    value    String,
    version  UInt64
)
ENGINE = {{ENGINE:ReplacingMergeTree:read_model_state}}(version)
ORDER BY key;
