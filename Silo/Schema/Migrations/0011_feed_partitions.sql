-- The order feed in 16 partitions by user (issue 12, item 2), so the instances of one consumer group share its events:
-- each partition of a group is read by one instance at a time, with its own position and lease, and the instances
-- split the partitions between them. And user events in the same feed (item 1).
--
-- Partition = user_id mod 16, for every consumer group alike. By user, because an order belongs to one user: every
-- order's events and every user's events (which carry no order) fall in one partition, and stay in feed order there.
-- One count for the whole feed, as Kafka's topics have, rather than a count per group: the partition is then a stored
-- column under one index (partition, tx, position), and a partition reader walks only its own rows. A count chosen per
-- group would need an index per count, or a merge over finer buckets on every read. The cost: a group spreads over 16
-- instances at the most (more stand by), and the count cannot change without resetting every group's position. 16 is
-- Shop.Feed.Client's FeedPartitions.Count; the two must agree.
--
-- Within a partition the rule of migration 0008 holds unchanged: readers walk (tx, position) only below the oldest
-- running transaction, so no partition reader passes a row whose transaction commits later.
--
-- Adding a stored column rewrites order_feed under an exclusive lock, once: writers of orders wait for as long as it
-- takes to copy what retention keeps (7 days by default) and index it.

-- User rows (user.created, user.updated, user.deleted) have no order: order_id is NULL for them, user_id is the user,
-- version the user's version after the change, payload the UserCreated/UserUpdated/UserDeleted record.
ALTER TABLE order_feed ALTER COLUMN order_id DROP NOT NULL;

-- abs(): rows written by hand with negative ids still land in a partition that exists.
ALTER TABLE order_feed
    ADD COLUMN IF NOT EXISTS partition smallint GENERATED ALWAYS AS (abs(user_id % 16)::smallint) STORED;

CREATE INDEX IF NOT EXISTS ix_order_feed_partition ON order_feed (partition, tx, position);

-- One row per (group, partition): the partition's position and the lease of the instance that reads it. A group's 16
-- rows are created together by its first instance. Existing groups (one row each, which becomes partition 0) are split
-- in place: the group's position becomes every partition's, so each partition goes on exactly where its group was.
-- Their leases are cleared: a client from before this migration can no longer save (its update finds no row it owns)
-- and stops, and the new clients take the partitions at once. Written to run again harmlessly, as every migration.
ALTER TABLE feed_consumers ADD COLUMN IF NOT EXISTS partition smallint NOT NULL DEFAULT 0;
ALTER TABLE feed_consumers DROP CONSTRAINT IF EXISTS pk_feed_consumers;
ALTER TABLE feed_consumers DROP CONSTRAINT IF EXISTS ck_feed_consumers_partition;

UPDATE feed_consumers c SET lease_owner = NULL, lease_until = NULL
WHERE NOT EXISTS (SELECT 1 FROM feed_consumers split WHERE split.group_name = c.group_name AND split.partition <> 0);

INSERT INTO feed_consumers (group_name, partition, tx, position)
SELECT c.group_name, p, c.tx, c.position
FROM feed_consumers c
CROSS JOIN generate_series(1, 15) p
WHERE c.partition = 0
  AND NOT EXISTS (SELECT 1 FROM feed_consumers split WHERE split.group_name = c.group_name AND split.partition <> 0);

ALTER TABLE feed_consumers
    ALTER COLUMN partition DROP DEFAULT,
    ADD CONSTRAINT pk_feed_consumers PRIMARY KEY (group_name, partition),
    ADD CONSTRAINT ck_feed_consumers_partition CHECK (partition BETWEEN 0 AND 15);

-- The running instances of each group, so that they can split its partitions evenly: an instance that holds no
-- partition yet (it has just started) must still count. Each instance renews its row every third of its lease and
-- deletes it when it stops; a row whose alive_until has passed belongs to a dead or stalled instance and no longer
-- counts (the next live instance deletes it).
CREATE TABLE IF NOT EXISTS feed_members
(
    group_name  text        NOT NULL,
    instance_id text        NOT NULL,
    alive_until timestamptz NOT NULL,

    CONSTRAINT pk_feed_members PRIMARY KEY (group_name, instance_id)
);
