-- The order feed (issue 12): every order event in one durable, ordered table that other services read from any point
-- within retention, each consumer group keeping its own position.
--
-- A row is inserted by the statement that stores the change it describes (Silo/Storage/PostgresOrderStore.cs), so it
-- commits with the change or not at all, at no extra round trip. Readers must never pass a row whose transaction has
-- not committed yet: identity values are taken in insert order, not commit order, so a reader that follows position
-- alone can see 7 committed, move past it, and miss 6 committing a moment later. Every row therefore carries its
-- writer's transaction id, and readers walk the feed in (tx, position) order, only over rows whose tx is below the
-- oldest transaction still running (pg_snapshot_xmin): those transactions are all finished, and any later one gets a
-- larger id, so nothing can appear behind a reader. The cost: a transaction that stays open anywhere on the server
-- holds the feed back until it ends.
CREATE TABLE IF NOT EXISTS order_feed
(
    position    bigint GENERATED ALWAYS AS IDENTITY,
    tx          bigint      NOT NULL DEFAULT (pg_current_xact_id()::text::bigint),
    -- order.placed or order.status_changed (OrderFeedEvents).
    type        text        NOT NULL,
    order_id    bigint      NOT NULL,
    user_id     bigint      NOT NULL,
    -- The order's version once the change is stored: consumers skip what they have seen.
    version     bigint      NOT NULL,
    occurred_at timestamptz NOT NULL,
    -- The event's contract record as snake_case JSON (OrderPlaced, OrderStatusChanged).
    payload     jsonb       NOT NULL,

    CONSTRAINT pk_order_feed PRIMARY KEY (tx, position)
);

-- Retention deletes by age and a reader starting at a timestamp finds its first row here; no bookkeeping row per order.
CREATE INDEX IF NOT EXISTS ix_order_feed_occurred_at ON order_feed (occurred_at);

-- One row per consumer group: where it is, and which instance reads for it until when. Instances of a group take the
-- lease over when it lapses, so a dead instance holds the group back for one lease at most.
CREATE TABLE IF NOT EXISTS feed_consumers
(
    group_name  text        NOT NULL,
    tx          bigint      NOT NULL,
    position    bigint      NOT NULL,
    lease_owner text        NULL,
    lease_until timestamptz NULL,
    updated_at  timestamptz NOT NULL DEFAULT now(),

    CONSTRAINT pk_feed_consumers PRIMARY KEY (group_name)
);
