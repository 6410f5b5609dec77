-- Columns of one table (name, declared type), to find its timestamp column for the restore impact preview.
SELECT name, type FROM pragma_table_info(?)
