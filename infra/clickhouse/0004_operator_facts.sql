-- The read model of the food-safety and operator questions (indicators.md §6), kept like indicator_facts (0003): a
-- registration month's partition rebuilt whole from that month's cases (read-model-build.ts).
--
-- hotspot_facts: food-related complaints and reports per station, operator key, GB/T 4754 division and registration
-- month — the operator, industry and county hotspot tables of a month sum it over M−3..M. `by_uscc`: some case named
-- the operator by this USCC; `latest_name`: the respondent name of its latest registration (ties: the greater name).
CREATE TABLE IF NOT EXISTS hotspot_facts {{ON_CLUSTER}}
(
    reg_month          UInt32,
    province_code      LowCardinality(String),
    city_code          LowCardinality(String),
    county_code        LowCardinality(String),
    station_code       LowCardinality(String),
    operator_key       String,
    industry_division  LowCardinality(String),
    n                  UInt64,
    by_uscc            UInt8,
    latest_name        AggregateFunction(argMaxIf, Nullable(String), Tuple(DateTime('Asia/Shanghai'), Nullable(String)), UInt8)
)
ENGINE = {{ENGINE:MergeTree:hotspot_facts}}
PARTITION BY reg_month
ORDER BY (province_code, reg_month, city_code, county_code, station_code, operator_key, industry_division);

-- operator_facts: accepted and disclosed complaints per station, operator key and date — the closed cohort of the
-- operator red/black list and the disclosure table (d = closing date), and the disclosure table's registrations
-- (d = registration date) — with the mediation counts.
CREATE TABLE IF NOT EXISTS operator_facts {{ON_CLUSTER}}
(
    reg_month          UInt32,
    province_code      LowCardinality(String),
    city_code          LowCardinality(String),
    county_code        LowCardinality(String),
    station_code       LowCardinality(String),
    operator_key       String,
    fact               LowCardinality(String),
    d                  Date,
    n                  UInt64,
    success            UInt64,
    mediated           UInt64,
    by_uscc            UInt8,
    latest_name        AggregateFunction(argMaxIf, Nullable(String), Tuple(DateTime('Asia/Shanghai'), Nullable(String)), UInt8)
)
ENGINE = {{ENGINE:MergeTree:operator_facts}}
PARTITION BY reg_month
ORDER BY (province_code, fact, d, operator_key, city_code, county_code, station_code);
