-- Bytes held by a table and its indexes (dbstat; the estimate of space freed is this × expired / all rows).
SELECT coalesce(sum(pgsize), 0) FROM dbstat
WHERE aggregate = 1 AND name IN (SELECT name FROM sqlite_schema WHERE tbl_name = ? COLLATE NOCASE AND rootpage > 0)
