-- Durable queues of our PostgreSQL stream provider (Silo/Streaming).
--
-- One row per produced batch of events. A row belongs to one provider and one of its queues (the HashRing queue
-- index); it is visible to readers when visible_at has passed. Leasing a row hides it (visible_at moves into the
-- future), stamps a fresh lease_id (the receipt that acknowledges or fails it) and counts one attempt. A reader that
-- dies simply stops renewing: the lease runs out and the row is visible again. seq orders a queue: it is only ever
-- assigned while holding the queue's transaction-level advisory lock, so seq order is commit order and a reader never
-- sees a smaller seq appear behind one it already read.

CREATE SEQUENCE IF NOT EXISTS stream_message_seq AS bigint;

CREATE TABLE IF NOT EXISTS stream_messages
(
    id               uuid        NOT NULL DEFAULT gen_random_uuid(),
    provider         text        NOT NULL,
    queue_id         integer     NOT NULL,
    seq              bigint      NOT NULL DEFAULT nextval('stream_message_seq'),
    stream_namespace text        NULL,
    stream_key       text        NOT NULL,
    -- Orleans-serialized StreamMessageBody (stream id, events, request context).
    payload          bytea       NOT NULL,
    enqueued_at      timestamptz NOT NULL DEFAULT now(),
    visible_at       timestamptz NOT NULL DEFAULT now(),
    dequeue_count    integer     NOT NULL DEFAULT 0,
    lease_id         uuid        NULL,
    -- Set once a row has been leased: if it ever becomes visible again it must take a new seq before it is
    -- leased again, so that sequence tokens handed to a reader only grow.
    needs_new_seq    boolean     NOT NULL DEFAULT false,
    last_error       text        NULL,

    CONSTRAINT pk_stream_messages PRIMARY KEY (id)
);

-- Readers lease in seq order within one queue.
CREATE UNIQUE INDEX IF NOT EXISTS ux_stream_messages_queue_seq
    ON stream_messages (provider, queue_id, seq);

-- "Is anything visible?" polls, dead-lettering of exhausted rows and re-sequencing.
CREATE INDEX IF NOT EXISTS ix_stream_messages_queue_visible
    ON stream_messages (provider, queue_id, visible_at);

-- Acknowledge, fail, renew and release all address rows by receipt.
CREATE UNIQUE INDEX IF NOT EXISTS ux_stream_messages_lease
    ON stream_messages (lease_id)
    WHERE lease_id IS NOT NULL;

-- Expiry of very old messages.
CREATE INDEX IF NOT EXISTS ix_stream_messages_queue_enqueued
    ON stream_messages (provider, queue_id, enqueued_at);

CREATE TABLE IF NOT EXISTS stream_dead_letters
(
    id               uuid        NOT NULL,
    provider         text        NOT NULL,
    queue_id         integer     NOT NULL,
    stream_namespace text        NULL,
    stream_key       text        NOT NULL,
    payload          bytea       NOT NULL,
    enqueued_at      timestamptz NOT NULL,
    dequeue_count    integer     NOT NULL,
    last_error       text        NULL,
    dead_lettered_at timestamptz NOT NULL DEFAULT now(),

    CONSTRAINT pk_stream_dead_letters PRIMARY KEY (id)
);

-- Operators list the newest first; retention removes the oldest per queue.
CREATE INDEX IF NOT EXISTS ix_stream_dead_letters_queue_time
    ON stream_dead_letters (provider, queue_id, dead_lettered_at);
