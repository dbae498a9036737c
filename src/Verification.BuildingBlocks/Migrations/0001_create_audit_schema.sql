CREATE SCHEMA IF NOT EXISTS audit;

CREATE TABLE audit.entries (
    sequence      bigint      PRIMARY KEY,
    id            uuid        NOT NULL UNIQUE,
    occurred_at   timestamptz NOT NULL,
    actor         text        NOT NULL,
    action        text        NOT NULL,
    subject       text        NOT NULL,
    data          text        NOT NULL,
    previous_hash bytea       NOT NULL,
    hash          bytea       NOT NULL
);

-- The newest link, updated in the append's transaction: a removed tail then shows as a broken chain.
CREATE TABLE audit.chain_head (
    id       integer PRIMARY KEY CHECK (id = 1),
    sequence bigint  NOT NULL,
    hash     bytea   NOT NULL
);
INSERT INTO audit.chain_head (id, sequence, hash) VALUES (1, 0, '\x0000000000000000000000000000000000000000000000000000000000000000');

CREATE FUNCTION audit.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit.entries is append-only';
END;
$$;

CREATE TRIGGER entries_append_only
    BEFORE UPDATE OR DELETE ON audit.entries
    FOR EACH ROW EXECUTE FUNCTION audit.refuse_change();
