-- Which table each index (automatic ones included) belongs to, to add index b-tree sizes to their table.
SELECT name, tbl_name FROM sqlite_schema WHERE type = 'index'
