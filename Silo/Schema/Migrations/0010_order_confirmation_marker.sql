-- An order's confirmation mail marks itself sent on the order's own row (Grains/Email/OrderConfirmationEmailGrain.cs):
-- one read gives the mail job both the order and the marker, and no row per order is left behind. Markers kept until
-- now as grain state ("order-confirmation-email", keyed by order id in grain_id_n1) move here, so an upgrade sends no
-- confirmation twice, and their rows go.
ALTER TABLE orders
    ADD COLUMN IF NOT EXISTS confirmation_sent_at    timestamptz NULL,
    ADD COLUMN IF NOT EXISTS confirmation_message_id text        NULL;

UPDATE orders
SET confirmation_sent_at    = (convert_from(marker.payload, 'UTF8')::jsonb ->> 'sent_at')::timestamptz,
    confirmation_message_id = convert_from(marker.payload, 'UTF8')::jsonb ->> 'message_id'
FROM orleans_grain_state marker
WHERE marker.grain_type = 'order-confirmation-email'
  AND marker.grain_id_n0 = 0
  AND marker.grain_id_n1 = orders.id
  AND marker.payload IS NOT NULL
  AND convert_from(marker.payload, 'UTF8')::jsonb ->> 'sent_at' IS NOT NULL;

DELETE FROM orleans_grain_state WHERE grain_type = 'order-confirmation-email';
