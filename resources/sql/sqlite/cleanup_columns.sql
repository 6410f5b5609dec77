-- Columns of one table (bound: name): name, declared type, position in the primary key, NOT NULL, default.
SELECT name, type, pk, "notnull", dflt_value IS NOT NULL FROM pragma_table_info(?)
