-- Roles for a register on PostgreSQL (docs/register.md, "PostgreSQL").
-- Run as the owner of the database, after 'setara init' (as the owner)
-- has created the schema; again after an upgrade that adds tables.
--   psql -d REGISTER -f docs/register-roles.sql
-- then give each login its role:
--   CREATE ROLE registrar1 LOGIN PASSWORD '...' IN ROLE setara_issuer;
--   CREATE ROLE verify1 LOGIN PASSWORD '...' IN ROLE setara_verifier;
DO $$ BEGIN
	IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'setara_issuer')
	THEN CREATE ROLE setara_issuer NOLOGIN; END IF;
	IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'setara_verifier')
	THEN CREATE ROLE setara_verifier NOLOGIN; END IF;
END $$;
GRANT USAGE ON SCHEMA public TO setara_issuer, setara_verifier;
-- Verifiers (setara serve, setara verify): read only.
GRANT SELECT ON ALL TABLES IN SCHEMA public TO setara_verifier;
-- Issuers (issue, revoke, status publish, init): the register's rows;
-- the history and the audit log are append-only (their triggers refuse
-- changes, and the role may only insert).
GRANT SELECT ON component_version TO setara_issuer;
GRANT SELECT, INSERT, UPDATE, DELETE ON issued, status_list,
	status_publication TO setara_issuer;
GRANT SELECT, INSERT ON status_change, audit TO setara_issuer;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO setara_issuer;
