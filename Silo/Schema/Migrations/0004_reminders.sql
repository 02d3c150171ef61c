-- Reminders for Microsoft.Orleans.Reminders.AdoNet.
--
-- The provider reads GrainId, ReminderName, StartTime, Period (milliseconds) and Version by name. @GrainHash,
-- @BeginHash and @EndHash are Orleans' unsigned 32-bit ring positions sent as signed integers; the provider picks
-- ReadRangeRows1Key when the range does not wrap in signed order and ReadRangeRows2Key when it does, so the two
-- range statements below cover the whole ring between them.

CREATE TABLE IF NOT EXISTS orleans_reminder
(
    service_id    varchar(150) NOT NULL,
    grain_id      varchar(512) NOT NULL,
    reminder_name varchar(150) NOT NULL,
    start_time    timestamptz  NOT NULL,
    period_ms     bigint       NOT NULL,
    grain_hash    integer      NOT NULL,
    version       integer      NOT NULL,

    CONSTRAINT pk_orleans_reminder PRIMARY KEY (service_id, grain_id, reminder_name)
);

CREATE INDEX IF NOT EXISTS ix_orleans_reminder_ring
    ON orleans_reminder (service_id, grain_hash);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('UpsertReminderRowKey', $q$
    INSERT INTO orleans_reminder
        (service_id, grain_id, reminder_name, start_time, period_ms, grain_hash, version)
    VALUES
        (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
    ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE
    SET start_time = EXCLUDED.start_time,
        period_ms = EXCLUDED.period_ms,
        grain_hash = EXCLUDED.grain_hash,
        version = orleans_reminder.version + 1
    RETURNING version AS "Version";
$q$),

('ReadReminderRowKey', $q$
    SELECT grain_id      AS "GrainId",
           reminder_name AS "ReminderName",
           start_time    AS "StartTime",
           period_ms     AS "Period",
           version       AS "Version"
    FROM orleans_reminder
    WHERE service_id = @ServiceId
      AND grain_id = @GrainId
      AND reminder_name = @ReminderName;
$q$),

('ReadReminderRowsKey', $q$
    SELECT grain_id      AS "GrainId",
           reminder_name AS "ReminderName",
           start_time    AS "StartTime",
           period_ms     AS "Period",
           version       AS "Version"
    FROM orleans_reminder
    WHERE service_id = @ServiceId
      AND grain_id = @GrainId;
$q$),

('ReadRangeRows1Key', $q$
    SELECT grain_id      AS "GrainId",
           reminder_name AS "ReminderName",
           start_time    AS "StartTime",
           period_ms     AS "Period",
           version       AS "Version"
    FROM orleans_reminder
    WHERE service_id = @ServiceId
      AND grain_hash > @BeginHash
      AND grain_hash <= @EndHash;
$q$),

('ReadRangeRows2Key', $q$
    SELECT grain_id      AS "GrainId",
           reminder_name AS "ReminderName",
           start_time    AS "StartTime",
           period_ms     AS "Period",
           version       AS "Version"
    FROM orleans_reminder
    WHERE service_id = @ServiceId
      AND (grain_hash > @BeginHash OR grain_hash <= @EndHash);
$q$),

-- Deleting with a stale ETag removes nothing and answers false, which Orleans reports as a failed removal.
('DeleteReminderRowKey', $q$
    WITH removed AS (
        DELETE FROM orleans_reminder
        WHERE service_id = @ServiceId
          AND grain_id = @GrainId
          AND reminder_name = @ReminderName
          AND version = @Version
        RETURNING 1
    )
    SELECT EXISTS (SELECT 1 FROM removed);
$q$),

('DeleteReminderRowsKey', $q$
    DELETE FROM orleans_reminder
    WHERE service_id = @ServiceId;
$q$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
