-- Columns of one table (name, declared type), to find the column that dates its rows.
SELECT name, type FROM pragma_table_info(?)
