#!/usr/bin/env bash
# docker compose only: runs once, on an empty data volume, from /docker-entrypoint-initdb.d of the
# postgres:15 image (the entrypoint has started a socket-only server as $POSTGRES_USER).
# Same roles/databases as the local stack: the SQL comes from the shared bootstrap.sql.sh.
# DEV-ONLY passwords (<role>_pw, temporal_pw).
set -euo pipefail

psql_su() { psql -X -q -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres; }

bash /reintegra/postgres/bootstrap.sql.sh /reintegra/postgres/databases.txt | psql_su

# Temporal's persistence role; temporalio/auto-setup creates its databases (temporal, temporal_visibility).
psql_su <<'SQL'
SELECT format('CREATE ROLE %I LOGIN CREATEDB PASSWORD %L', 'temporal', 'temporal_pw')
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'temporal')\gexec
SQL
echo "reintegra: service roles and databases created"
