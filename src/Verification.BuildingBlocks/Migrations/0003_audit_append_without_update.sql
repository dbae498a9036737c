-- Appending needs no UPDATE privilege on audit.chain_head any more: the head is locked through lock_head() and moved
-- by advance_head(), both running as the audit schema's owner. Where that owner is a role of its own (verification_audit,
-- see AuditOwner), the service's role then holds only SELECT and INSERT on the entries, SELECT on the head and EXECUTE
-- on lock_head(): it can neither move the head nor reach the triggers.
CREATE FUNCTION audit.lock_head() RETURNS TABLE (head_sequence bigint, head_hash bytea)
    LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
    SELECT h.sequence, h.hash FROM audit.chain_head h WHERE h.id = 1 FOR UPDATE
$$;

REVOKE ALL ON FUNCTION audit.lock_head() FROM PUBLIC;

CREATE OR REPLACE FUNCTION audit.advance_head() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    UPDATE audit.chain_head SET sequence = NEW.sequence, hash = NEW.hash WHERE id = 1;
    RETURN NULL;
END;
$$;
