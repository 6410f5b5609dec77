-- Primary key columns of one table, in key order (a single INTEGER column is the rowid alias).
SELECT name, type FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk
