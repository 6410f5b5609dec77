-- Foreign keys of one (child) table: one row per column, grouped by id.
SELECT id, "table", "from" FROM pragma_foreign_key_list(?) ORDER BY id, seq
