-- The operator's latest respondent name (hotspot_facts, operator_facts: 0004) as two plain columns instead of an
-- argMaxIf state: `latest_at`, the group's latest registration with a respondent name (maxIf), and `latest_name`, the
-- greatest name among that registration's (argMaxIf by (registered_at, respondent_name); NULL when the group has no
-- name). Writing the state cost about a third of a month's operator_facts build; readers merge the plain columns with
-- argMaxIf(latest_name, (latest_at, latest_name), latest_name IS NOT NULL) — the greatest (at, name) of a union is the
-- greatest of its groups' — which gives what argMaxIfMerge of the states gave (operator-terms.ts LATEST_NAME_MERGED).
--
-- The old rows keep no name (NULL) until rebuilt: the read model's build statements changed with these columns, so
-- the store's next open rebuilds every month (read-model-build.ts refreshReadModel) after these ALTERs ran.
ALTER TABLE hotspot_facts {{ON_CLUSTER}} DROP COLUMN IF EXISTS latest_name;
ALTER TABLE hotspot_facts {{ON_CLUSTER}} ADD COLUMN IF NOT EXISTS latest_at DateTime('Asia/Shanghai') AFTER by_uscc;
ALTER TABLE hotspot_facts {{ON_CLUSTER}} ADD COLUMN IF NOT EXISTS latest_name Nullable(String) AFTER latest_at;
ALTER TABLE operator_facts {{ON_CLUSTER}} DROP COLUMN IF EXISTS latest_name;
ALTER TABLE operator_facts {{ON_CLUSTER}} ADD COLUMN IF NOT EXISTS latest_at DateTime('Asia/Shanghai') AFTER by_uscc;
ALTER TABLE operator_facts {{ON_CLUSTER}} ADD COLUMN IF NOT EXISTS latest_name Nullable(String) AFTER latest_at;
