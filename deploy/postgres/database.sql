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
  EXECUTE format('GRANT CONNECT, CREATE, TEMPORARY ON DATABASE %I TO screening, scheduling, integration, identity', current_database());
  EXECUTE format('GRANT CONNECT ON DATABASE %I TO analyst', current_database());
END
$$;

CREATE SCHEMA IF NOT EXISTS screening AUTHORIZATION screening;
CREATE SCHEMA IF NOT EXISTS scheduling AUTHORIZATION scheduling;
CREATE SCHEMA IF NOT EXISTS integration AUTHORIZATION integration;
-- The identity provider's users, clients, tokens and signing keys: no service may read them.
CREATE SCHEMA IF NOT EXISTS identity AUTHORIZATION identity;
CREATE SCHEMA IF NOT EXISTS reporting;
REVOKE ALL ON SCHEMA public FROM PUBLIC;

-- Analysts read only the de-identified reporting tables; each service writes only the tables it creates there.
GRANT USAGE, CREATE ON SCHEMA reporting TO screening, scheduling, integration;
GRANT USAGE ON SCHEMA reporting TO analyst;
ALTER DEFAULT PRIVILEGES FOR ROLE screening IN SCHEMA reporting GRANT SELECT ON TABLES TO analyst;
ALTER DEFAULT PRIVILEGES FOR ROLE scheduling IN SCHEMA reporting GRANT SELECT ON TABLES TO analyst;
ALTER DEFAULT PRIVILEGES FOR ROLE integration IN SCHEMA reporting GRANT SELECT ON TABLES TO analyst;

-- Which clinics each analyst login may read in reporting ('*': the whole chain). Every reporting table has a clinic
-- column and a row-level policy calling may_read_clinic (Platform.ServiceDefaults/Analytics/ReportingRowSecurity.cs),
-- so a login with no row here reads nothing. A clinic's analyst is a login in the analyst role with a row here, e.g.
--   CREATE ROLE analyst_north LOGIN PASSWORD '...' IN ROLE analyst;
--   INSERT INTO reporting.analyst_clinics VALUES ('analyst_north', 'north');
CREATE TABLE IF NOT EXISTS reporting.analyst_clinics (
    role_name name NOT NULL,
    clinic    text NOT NULL,
    PRIMARY KEY (role_name, clinic)
);
INSERT INTO reporting.analyst_clinics VALUES ('analyst', '*') ON CONFLICT DO NOTHING;
-- SECURITY DEFINER: analysts may not read the grants table itself; session_user is the login, whatever role is set.
CREATE OR REPLACE FUNCTION reporting.may_read_clinic(row_clinic text) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog AS
$$ SELECT EXISTS (SELECT 1 FROM reporting.analyst_clinics a WHERE a.role_name = session_user AND a.clinic IN ('*', row_clinic)) $$;

-- Patients' data keys (crypto-shredding, docs/privacy.md). Every PHI value the services store or send is sealed with
-- the key of its screening or course; erasing a patient nulls their keys, which makes every copy unreadable. The schema
-- belongs to the superuser that runs this script, not to a service: a service may read keys and add new ones, only
-- Screening (where the privacy officer erases) may null them, and no role may delete a row or read erasures but Screening.
-- A key is stored wrapped (AES-256-GCM) by the master key of the services' configuration (Privacy:MasterKey).
CREATE SCHEMA IF NOT EXISTS privacy;
CREATE TABLE IF NOT EXISTS privacy.subject_keys (
    subject_id  uuid PRIMARY KEY,
    patient_id  uuid NOT NULL,
    clinic      text NOT NULL,
    wrapped_key bytea,
    created_at  timestamptz NOT NULL DEFAULT now(),
    erased_at   timestamptz
);
CREATE INDEX IF NOT EXISTS subject_keys_patient ON privacy.subject_keys (clinic, patient_id);
-- The order the keys were made in: a service that misses a key reads it with the keys made after it (PatientKeys.ReadAhead),
-- the order in which a projection rebuild meets their screenings and courses.
ALTER TABLE privacy.subject_keys ADD COLUMN IF NOT EXISTS seq bigint GENERATED ALWAYS AS IDENTITY;
CREATE UNIQUE INDEX IF NOT EXISTS subject_keys_seq ON privacy.subject_keys (seq);
CREATE TABLE IF NOT EXISTS privacy.erasures (
    clinic          text NOT NULL,
    patient_id      uuid NOT NULL,
    erased_at       timestamptz NOT NULL,
    erased_by       text NOT NULL,
    reason          text NOT NULL,
    legal_basis     text,
    retention_until date NOT NULL,
    keys_destroyed  integer NOT NULL,
    PRIMARY KEY (clinic, patient_id)
);
GRANT USAGE ON SCHEMA privacy TO screening, scheduling, integration;
GRANT SELECT, INSERT ON privacy.subject_keys TO screening, scheduling, integration;
GRANT UPDATE (wrapped_key, erased_at) ON privacy.subject_keys TO screening;
GRANT SELECT, INSERT ON privacy.erasures TO screening;
