-- Tenant roles are login roles on the same servers: without this, PUBLIC's default
-- CONNECT would let any of them open the control-plane database.
DO $$
BEGIN
  EXECUTE format('REVOKE CONNECT, TEMPORARY ON DATABASE %I FROM PUBLIC', current_database());
  EXECUTE format('GRANT CONNECT, TEMPORARY ON DATABASE %I TO %I', current_database(), current_user);
END
$$;
