-- Orders and idempotency records in tables of their own (issue 11, write path).
--
-- Until now an order was a grain state row (JSON in orleans_grain_state), its user's row held every order id and was
-- rewritten by each order, and an idempotency record was a further grain state row written after the order. Now one
-- statement stores the order, its event (a stream_messages row, the outbox) and its idempotency record in one commit,
-- a user's orders are listed from SQL newest first, and the user's row is no longer touched by an order.
-- The tables are not per Orleans service id: one database serves one service.

CREATE TABLE IF NOT EXISTS orders
(
    id         bigint      NOT NULL,
    user_id    bigint      NOT NULL,
    -- pending, paid, shipped, delivered or cancelled (OrderStatus, lower case).
    status     text        NOT NULL,
    -- [{"sku": …, "quantity": …, "unit_price": …}], the layout the grain state had.
    items      jsonb       NOT NULL,
    total      numeric     NOT NULL,
    currency   text        NOT NULL,
    version    bigint      NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,

    CONSTRAINT pk_orders PRIMARY KEY (id)
);

-- A user's orders, newest first; the cursor is the last id seen.
CREATE INDEX IF NOT EXISTS ix_orders_user_id ON orders (user_id, id DESC);

-- Deleting a user asks only whether an open order remains: O(open orders), not O(orders).
CREATE INDEX IF NOT EXISTS ix_orders_user_open ON orders (user_id) WHERE status IN ('pending', 'paid', 'shipped');

CREATE TABLE IF NOT EXISTS idempotency_records
(
    -- scope:Idempotency-Key, the key of the idempotency grain.
    key         text        NOT NULL,
    fingerprint text        NOT NULL,
    -- The stored answer of a create that records it (users), or NULLs and resource_id (orders, rebuilt from the row).
    status_code integer     NULL,
    body        text        NULL,
    location    text        NULL,
    etag        text        NULL,
    resource_id bigint      NULL,
    expires_at  timestamptz NOT NULL,

    CONSTRAINT pk_idempotency_records PRIMARY KEY (key)
);

-- The sweep deletes by expiry through this index instead of scanning every grain's state.
CREATE INDEX IF NOT EXISTS ix_idempotency_records_expires ON idempotency_records (expires_at);

-- Existing data. Grain state rows are snake_case JSON (Silo/Storage/JsonGrainStateSerializer.cs); an integer grain key
-- is grain_id_n1, a string key grain_key_ext. Enums were stored as numbers. Copied rows leave the grain state table.
INSERT INTO orders (id, user_id, status, items, total, currency, version, created_at, updated_at)
SELECT s.grain_id_n1,
       (j.p ->> 'user_id')::bigint,
       CASE (j.p ->> 'status')::integer
           WHEN 0 THEN 'pending' WHEN 1 THEN 'paid' WHEN 2 THEN 'shipped' WHEN 3 THEN 'delivered' ELSE 'cancelled'
       END,
       COALESCE(j.p -> 'items', '[]'::jsonb),
       (j.p ->> 'total')::numeric,
       j.p ->> 'currency',
       (j.p ->> 'version')::bigint,
       (j.p ->> 'created_at')::timestamptz,
       (j.p ->> 'updated_at')::timestamptz
FROM orleans_grain_state s
CROSS JOIN LATERAL (SELECT convert_from(s.payload, 'UTF8')::jsonb AS p) j
WHERE s.grain_type = 'order' AND s.payload IS NOT NULL
ON CONFLICT (id) DO NOTHING;

DELETE FROM orleans_grain_state WHERE grain_type = 'order';

INSERT INTO idempotency_records (key, fingerprint, status_code, body, location, etag, expires_at)
SELECT s.grain_key_ext,
       j.p ->> 'fingerprint',
       (j.p -> 'response' ->> 'status_code')::integer,
       j.p -> 'response' ->> 'body',
       j.p -> 'response' ->> 'location',
       j.p -> 'response' ->> 'e_tag',
       (j.p ->> 'expires_at')::timestamptz
FROM orleans_grain_state s
CROSS JOIN LATERAL (SELECT convert_from(s.payload, 'UTF8')::jsonb AS p) j
WHERE s.grain_type = 'idempotency' AND s.payload IS NOT NULL AND jsonb_typeof(j.p -> 'response') = 'object'
ON CONFLICT (key) DO NOTHING;

DELETE FROM orleans_grain_state WHERE grain_type = 'idempotency';
