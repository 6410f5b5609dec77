SELECT max(version_num)::text FROM alembic_version
