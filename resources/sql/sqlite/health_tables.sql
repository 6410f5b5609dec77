-- User tables of the main schema; wr = 1 for WITHOUT ROWID tables (their rows sit on every page of the b-tree).
SELECT name, wr FROM pragma_table_list
WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\'
ORDER BY name
