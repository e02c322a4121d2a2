-- Current version per case id, keyed by case id: the loader's lookup of "what is stored for this case" (is the
-- incoming row newer, equal, older; which sorting key must be tombstoned). Written after the `cases` rows of a batch,
-- so a load killed between the two writes is repaired by the re-run (its rows are rewritten, identical, and FINAL
-- keeps one).
CREATE TABLE IF NOT EXISTS case_versions {{ON_CLUSTER}}
(
    case_id          String,
    updated_at       DateTime('Asia/Shanghai'),
    content_hash     String,
    version          UInt64,
    province_code    LowCardinality(String),
    city_code        LowCardinality(String),
    county_code      LowCardinality(String),
    kind             Enum8('COMPLAINT' = 1, 'REPORT' = 2, 'CONSULTATION' = 3, 'SUGGESTION' = 4),
    registered_date  Date,
    load_id          String
)
ENGINE = {{ENGINE:ReplacingMergeTree:case_versions}}(version)
ORDER BY case_id;
