-- name: vacuum_into
-- A consistent copy of the whole database into a new file (the bound path); the source is only read.
VACUUM INTO ?
