-- Every row of one migration tool's bookkeeping table ({table} is the quoted, qualified name). These tables are
-- small (one row per migration), and reading every column lets one reader map each tool's columns by name.
SELECT * FROM {table}
