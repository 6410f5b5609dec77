-- Rows whose foreign key points at no parent row: (child table, rowid, parent table, fk id).
SELECT "table", rowid, parent, fkid FROM pragma_foreign_key_check LIMIT 1000
