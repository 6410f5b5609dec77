-- Row estimates ANALYZE left behind: the first number of a stat line is the table's row count.
SELECT tbl, max(CAST(stat AS INTEGER)) FROM sqlite_stat1 GROUP BY tbl
