-- One role per service, each owning only its own schema; an analyst role that may only read reporting tables.
-- Passwords here are for local compose only; production sets them through its secret store.
CREATE ROLE screening LOGIN PASSWORD 'screening';
CREATE ROLE scheduling LOGIN PASSWORD 'scheduling';
CREATE ROLE integration LOGIN PASSWORD 'integration';
CREATE ROLE analyst LOGIN PASSWORD 'analyst';

CREATE SCHEMA screening AUTHORIZATION screening;
CREATE SCHEMA scheduling AUTHORIZATION scheduling;
CREATE SCHEMA integration AUTHORIZATION integration;
CREATE SCHEMA reporting;

-- Each service writes only its own reporting tables (prefixed with its name) in the shared reporting schema.
GRANT USAGE, CREATE ON SCHEMA reporting TO screening, scheduling, integration;
GRANT USAGE ON SCHEMA reporting TO analyst;
ALTER DEFAULT PRIVILEGES FOR ROLE screening IN SCHEMA reporting GRANT SELECT ON TABLES TO analyst;
ALTER DEFAULT PRIVILEGES FOR ROLE scheduling IN SCHEMA reporting GRANT SELECT ON TABLES TO analyst;
ALTER DEFAULT PRIVILEGES FOR ROLE integration IN SCHEMA reporting GRANT SELECT ON TABLES TO analyst;
REVOKE ALL ON SCHEMA public FROM PUBLIC;
