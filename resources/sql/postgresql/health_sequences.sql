-- Sequences that have been used, with how far they are from their maximum.
SELECT schemaname, sequencename, last_value, max_value
FROM pg_sequences
WHERE last_value IS NOT NULL AND increment_by > 0
ORDER BY 1, 2
