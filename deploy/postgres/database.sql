-- What the service roles may do in one platform database, run as a superuser connected to it, after roles.sql.
-- Used by compose, the AppHost, deploy/local-infra.sh and the tests (every test database), so the grants are
-- exercised on every test run.
--
-- Each service owns only its own schema. CREATE on the database is needed because Marten issues
-- CREATE SCHEMA IF NOT EXISTS at start-up and Scheduling creates the trusted extension btree_gist (its exclusion
-- constraint refuses double bookings); it does not let a role enter another service's schema.
DO $$
BEGIN
  EXECUTE format('REVOKE ALL ON DATABASE %I FROM PUBLIC', current_database());
  EXECUTE format('GRANT CONNECT, CREATE, TEMPORARY ON DATABASE %I TO screening, scheduling, integration', current_database());
  EXECUTE format('GRANT CONNECT ON DATABASE %I TO analyst', current_database());
END
$$;

CREATE SCHEMA IF NOT EXISTS screening AUTHORIZATION screening;
CREATE SCHEMA IF NOT EXISTS scheduling AUTHORIZATION scheduling;
CREATE SCHEMA IF NOT EXISTS integration AUTHORIZATION integration;
CREATE SCHEMA IF NOT EXISTS reporting;
REVOKE ALL ON SCHEMA public FROM PUBLIC;

-- Analysts read only the de-identified reporting tables; each service writes only the tables it creates there.
GRANT USAGE, CREATE ON SCHEMA reporting TO screening, scheduling, integration;
GRANT USAGE ON SCHEMA reporting TO analyst;
ALTER DEFAULT PRIVILEGES FOR ROLE screening IN SCHEMA reporting GRANT SELECT ON TABLES TO analyst;
ALTER DEFAULT PRIVILEGES FOR ROLE scheduling IN SCHEMA reporting GRANT SELECT ON TABLES TO analyst;
ALTER DEFAULT PRIVILEGES FOR ROLE integration IN SCHEMA reporting GRANT SELECT ON TABLES TO analyst;
