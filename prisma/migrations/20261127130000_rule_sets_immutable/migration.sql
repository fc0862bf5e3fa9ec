-- A saved rule set version never changes: the pipeline may have fetched it, calibrations name it.
-- (Deleting a project still removes its rule sets through the cascade, which is a DELETE.)
CREATE TRIGGER "RuleSet_no_update" BEFORE UPDATE ON "RuleSet"
BEGIN SELECT RAISE(ABORT, 'RuleSet versions are immutable; save a new version'); END;
