-- The console user as a GRANT names it (quoted where needed), for the hint of a table it may not read.
SELECT quote_ident(current_user)
