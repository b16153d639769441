-- Quantities stay within ±10^12 (MAX_QUANTITY in packages/shared/src/bounds.ts): beyond it,
-- sums overflow and reads of the indicator list, dashboard and public plan fail for everyone.
-- NOT VALID: rows written before this check are kept (reads skip them and log them), every new
-- or changed row is checked. NaN fails the checks too (PostgreSQL sorts it above every number).
ALTER TABLE measurements ADD CONSTRAINT measurements_value_bounded CHECK (value BETWEEN -1e12 AND 1e12) NOT VALID;
--> statement-breakpoint
ALTER TABLE measurements ADD CONSTRAINT measurements_numerator_bounded CHECK (numerator BETWEEN 0 AND 1e12) NOT VALID;
--> statement-breakpoint
ALTER TABLE measurements ADD CONSTRAINT measurements_denominator_bounded CHECK (denominator > 0 AND denominator <= 1e12) NOT VALID;
--> statement-breakpoint
ALTER TABLE indicators ADD CONSTRAINT indicators_baseline_bounded CHECK (baseline_value BETWEEN -1e12 AND 1e12) NOT VALID;
--> statement-breakpoint
ALTER TABLE indicators ADD CONSTRAINT indicators_target_bounded CHECK (target_value BETWEEN -1e12 AND 1e12) NOT VALID;
--> statement-breakpoint
-- A task's weight in its parent's roll-up: the form allows (0, 100].
ALTER TABLE tasks ADD CONSTRAINT tasks_weight_bounded CHECK (weight > 0 AND weight <= 100) NOT VALID;
--> statement-breakpoint
ALTER TABLE tasks ADD CONSTRAINT tasks_progress_bounded CHECK (progress BETWEEN 0 AND 100) NOT VALID;
