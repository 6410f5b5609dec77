-- Tables a migration tool could keep its state in: (schema, name). SQLite has one schema here.
SELECT '' AS table_schema, name AS table_name FROM sqlite_schema WHERE type = 'table' ORDER BY name
