-- Set on every PostgreSQL session the console opens. A line "-- name: key" starts each statement;
-- {milliseconds} is a number chosen in code.

-- name: statement_timeout
SET statement_timeout = {milliseconds}

-- name: lock_timeout
SET lock_timeout = {milliseconds}

-- name: idle_in_transaction_timeout
SET idle_in_transaction_session_timeout = {milliseconds}

-- name: read_only
SET default_transaction_read_only = on
