-- Each Host node holds a lease it renews while it runs, and each open session names the node serving it. Recovery
-- closes only the open sessions whose node's lease has run out, so a node starting never closes sessions that other
-- live nodes serve. Lease times come from the database's clock, the one clock all nodes share.
CREATE TABLE proctoring.nodes (
    id          uuid        PRIMARY KEY,
    started_at  timestamptz NOT NULL,
    lease_until timestamptz NOT NULL
);
ALTER TABLE proctoring.sessions ADD COLUMN node_id uuid;
CREATE INDEX sessions_open_by_node ON proctoring.sessions (node_id) WHERE status = 'open';
