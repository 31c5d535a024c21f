-- The platform's PostgreSQL roles (cluster-wide), run as a superuser with psql:
--   psql -v screening_password=... -v scheduling_password=... -v integration_password=... -v analyst_password=... -f roles.sql
-- One login role per service and an analyst role; none is a superuser, none may create roles or databases.
-- Idempotent: re-running it only resets the passwords.
SELECT format('CREATE ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE', r)
FROM unnest(ARRAY['screening', 'scheduling', 'integration', 'analyst']) AS r
WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r)
\gexec
ALTER ROLE screening PASSWORD :'screening_password';
ALTER ROLE scheduling PASSWORD :'scheduling_password';
ALTER ROLE integration PASSWORD :'integration_password';
ALTER ROLE analyst PASSWORD :'analyst_password';
