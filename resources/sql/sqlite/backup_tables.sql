-- Tables whose rows a backup manifest counts: every b-tree table (virtual tables have no pages of their own).
SELECT name, rootpage FROM sqlite_schema WHERE type = 'table' AND rootpage > 0 ORDER BY name
