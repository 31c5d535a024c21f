-- The platform's PostgreSQL roles (cluster-wide), run as a superuser with psql:
--   psql -v screening_password=... -v scheduling_password=... -v integration_password=... -v analyst_password=... \
--        -v identity_password=... -f roles.sql
-- One login role per service, one for the identity provider and an analyst role; none is a superuser, none may create roles or databases.
-- Idempotent: re-running it only resets the passwords.
SELECT format('CREATE ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE', r)
FROM unnest(ARRAY['screening', 'scheduling', 'integration', 'analyst', 'identity']) AS r
WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r)
\gexec
ALTER ROLE screening PASSWORD :'screening_password';
ALTER ROLE scheduling PASSWORD :'scheduling_password';
ALTER ROLE integration PASSWORD :'integration_password';
ALTER ROLE analyst PASSWORD :'analyst_password';
ALTER ROLE identity PASSWORD :'identity_password';
