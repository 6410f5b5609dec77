-- The CREATE statement of one table (bound: name), to know it exists and whether it is WITHOUT ROWID.
SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ? COLLATE NOCASE
