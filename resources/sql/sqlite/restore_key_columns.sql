-- The primary key columns of one table of the live store, in key order (none: a rowid table without one).
SELECT name FROM pragma_table_info(?, 'main') WHERE pk > 0 ORDER BY pk
