-- From here on entries are chained with HMAC-SHA256 under Audit:Key, which stays outside the database. Entries written
-- before this migration keep their plain SHA-256 links (keyed = false); the first keyed entry, which the Host appends
-- at start-up as the cut-over marker 'audit.chain.keyed', covers the last of them with its HMAC.
ALTER TABLE audit.entries ADD COLUMN keyed boolean NOT NULL DEFAULT false;
ALTER TABLE audit.entries ALTER COLUMN keyed SET DEFAULT true;

-- An appended entry must be keyed and follow the head; the head then moves with it, and only that way.
CREATE FUNCTION audit.check_link() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    head_sequence bigint;
    head_hash     bytea;
BEGIN
    SELECT sequence, hash INTO head_sequence, head_hash FROM audit.chain_head WHERE id = 1;
    IF NOT NEW.keyed THEN
        RAISE EXCEPTION 'audit entries are appended keyed';
    END IF;
    IF NEW.sequence <> head_sequence + 1 OR NEW.previous_hash <> head_hash THEN
        RAISE EXCEPTION 'audit entry % does not follow the chain head %', NEW.sequence, head_sequence;
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER entries_follow_head
    BEFORE INSERT ON audit.entries
    FOR EACH ROW EXECUTE FUNCTION audit.check_link();

CREATE FUNCTION audit.advance_head() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE audit.chain_head SET sequence = NEW.sequence, hash = NEW.hash WHERE id = 1;
    RETURN NULL;
END;
$$;

CREATE TRIGGER entries_advance_head
    AFTER INSERT ON audit.entries
    FOR EACH ROW EXECUTE FUNCTION audit.advance_head();

-- Depth 2 is audit.advance_head's own update; any statement that reaches the head directly runs at depth 1.
CREATE FUNCTION audit.refuse_head_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND pg_trigger_depth() >= 2 THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'audit.chain_head moves only when an entry is appended';
END;
$$;

CREATE TRIGGER chain_head_moves_with_entries
    BEFORE INSERT OR UPDATE OR DELETE ON audit.chain_head
    FOR EACH ROW EXECUTE FUNCTION audit.refuse_head_change();

CREATE TRIGGER entries_no_truncate
    BEFORE TRUNCATE ON audit.entries
    FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_change();

CREATE TRIGGER chain_head_no_truncate
    BEFORE TRUNCATE ON audit.chain_head
    FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_head_change();

-- The role that runs the migrations is the service's role and owns these tables; it keeps only what appending needs.
REVOKE UPDATE, DELETE, TRUNCATE ON audit.entries FROM PUBLIC, CURRENT_USER;
REVOKE INSERT, DELETE, TRUNCATE ON audit.chain_head FROM PUBLIC, CURRENT_USER;
