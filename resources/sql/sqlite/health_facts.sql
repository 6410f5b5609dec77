-- Store-wide facts for table health: geometry, free pages, journal mode (WAL expected for a live bot), auto_vacuum.
SELECT page_size, page_count, freelist_count, journal_mode, auto_vacuum, user_version
FROM pragma_page_size, pragma_page_count, pragma_freelist_count, pragma_journal_mode, pragma_auto_vacuum,
     pragma_user_version
