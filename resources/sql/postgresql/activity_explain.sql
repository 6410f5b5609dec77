-- The plan of a statement from the slow list. A line "-- name: key" starts each statement; {statement} is
-- the statement itself, {name} the prepared statement name chosen in code, {nulls} one NULL per parameter.

-- name: conforming_strings
-- Backslashes in '…' are plain characters (the default since PostgreSQL 9.1), as PgStatementText reads them.
SET standard_conforming_strings = on

-- name: deallocate
DEALLOCATE {name}

-- name: prepare
PREPARE {name} AS {statement}

-- name: generic_plan
-- Before PostgreSQL 16 (no EXPLAIN (GENERIC_PLAN)) a forced generic plan of a prepared statement.
SET plan_cache_mode = force_generic_plan

-- name: reset_plan
RESET plan_cache_mode

-- name: execute
EXPLAIN EXECUTE {name}({nulls})

-- name: analyze
-- Runs the statement: the caller wraps it in a transaction it rolls back.
EXPLAIN (ANALYZE, BUFFERS) {statement}

-- name: explain
EXPLAIN {statement}
