-- Due dates computed through a provisional calendar year (indicators.md §1: the years after the last published one,
-- weekends and the statutory holidays only). `due_provisional_from` is 0 when every due date and handling_workdays of
-- the row came from published years, else the first provisional year at the time (last published year + 1).
--
-- A year rather than a flag: opening the store finds the rows to recompute with the calendar it now holds
-- (`due_provisional_from BETWEEN 1 AND last published year`) without keeping a record of which calendar each load
-- saw, so a recompute killed half-way is finished by the next open. One column per case, not per stage: the API says
-- which stage's date is provisional from the date itself (a date after the last published year), and the recompute
-- is by case.
ALTER TABLE cases {{ON_CLUSTER}} ADD COLUMN IF NOT EXISTS due_provisional_from UInt16 DEFAULT 0 AFTER handling_workdays;
