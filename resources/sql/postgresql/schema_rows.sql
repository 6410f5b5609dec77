-- Every row of the bookkeeping table of one migration tool ({table} is the quoted, qualified name). These tables are
-- small (one row per migration), and reading every column lets one reader map the columns of each tool by name.
SELECT * FROM {table}
