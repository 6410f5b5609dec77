-- One pass over every b-tree page (SQLite's dbstat virtual table, as sqlite3_analyzer uses), aggregated in
-- SQLite: bytes per b-tree (interior, leaf and overflow pages), cells on leaf pages (= rows of a rowid table)
-- and cells on all pages (= rows of a WITHOUT ROWID table, whose interior cells are rows too). dbstat marks a
-- page it cannot decode as 'corrupted' instead of failing: those are counted, and make the store corrupt.
SELECT name, sum(pgsize) AS bytes, sum(CASE WHEN pagetype = 'leaf' THEN ncell ELSE 0 END) AS leaf_cells,
       sum(CASE WHEN pagetype = 'overflow' THEN 0 ELSE ncell END) AS cells,
       sum(pagetype = 'corrupted') AS corrupted_pages
FROM dbstat('main')
GROUP BY name
