-- A pending order whose confirming webhook has not come by this time is asked of the provider (docs/billing.md):
-- without it an order whose webhook was lost stayed pending for ever and refused every later purchase of its track.
ALTER TABLE billing.orders ADD COLUMN confirmation_due_at timestamptz;
UPDATE billing.orders SET confirmation_due_at = created_at + interval '60 minutes' WHERE status = 'pending';
CREATE INDEX orders_confirmation_due ON billing.orders (confirmation_due_at) WHERE status = 'pending';
