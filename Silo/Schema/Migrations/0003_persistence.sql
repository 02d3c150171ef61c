-- Grain state for Microsoft.Orleans.Persistence.AdoNet.
--
-- The provider identifies a grain by @ServiceId, @GrainTypeString, @GrainIdN0/@GrainIdN1 (integer and Guid keys)
-- and @GrainIdExtensionString (string keys and key extensions; NULL when there is none), plus two hashes it computes
-- (@GrainIdHash, @GrainTypeHash) that make the lookup index selective.
--
-- Optimistic concurrency: every row carries a version that the provider hands back to us as @GrainStateVersion
-- (the grain's ETag). A write or clear succeeds only when that version is still the stored one, and answers with
-- the new version as NewGrainStateVersion. When nothing matched, the statements answer NULL (or no row), which the
-- provider turns into an InconsistentStateException: a stale writer gets an error instead of overwriting a newer
-- state. The unique index makes two first writes of the same grain race safely: exactly one insert wins.

CREATE TABLE IF NOT EXISTS orleans_grain_state
(
    service_id      varchar(150) NOT NULL,
    grain_type      varchar(512) NOT NULL,
    grain_type_hash integer      NOT NULL,
    grain_id_hash   integer      NOT NULL,
    grain_id_n0     bigint       NOT NULL,
    grain_id_n1     bigint       NOT NULL,
    grain_key_ext   varchar(512) NULL,
    -- NULL after a clear: the row and its version survive so that a stale writer is still detected.
    payload         bytea        NULL,
    version         integer      NOT NULL,
    modified_at     timestamptz  NOT NULL DEFAULT now()
);

CREATE UNIQUE INDEX IF NOT EXISTS ux_orleans_grain_state_grain
    ON orleans_grain_state (grain_id_hash, grain_type_hash, service_id, grain_id_n0, grain_id_n1, grain_type,
                            grain_key_ext)
    NULLS NOT DISTINCT;

CREATE OR REPLACE FUNCTION orleans_grain_state_write(
    p_grain_id_hash    integer,
    p_grain_id_n0      bigint,
    p_grain_id_n1      bigint,
    p_grain_type_hash  integer,
    p_grain_type       text,
    p_grain_key_ext    text,
    p_service_id       text,
    p_expected_version integer,
    p_payload          bytea)
RETURNS integer
LANGUAGE plpgsql
AS $fn$
DECLARE
    written_version integer;
BEGIN
    IF p_expected_version IS NULL THEN
        -- The grain believes nothing is stored yet; if something is, this write must not replace it.
        INSERT INTO orleans_grain_state
            (service_id, grain_type, grain_type_hash, grain_id_hash, grain_id_n0, grain_id_n1, grain_key_ext,
             payload, version)
        VALUES
            (p_service_id, p_grain_type, p_grain_type_hash, p_grain_id_hash, p_grain_id_n0, p_grain_id_n1,
             p_grain_key_ext, p_payload, 1)
        ON CONFLICT DO NOTHING
        RETURNING version INTO written_version;
    ELSE
        UPDATE orleans_grain_state
        SET payload = p_payload,
            version = version + 1,
            modified_at = now()
        WHERE grain_id_hash = p_grain_id_hash
          AND grain_type_hash = p_grain_type_hash
          AND service_id = p_service_id
          AND grain_id_n0 = p_grain_id_n0
          AND grain_id_n1 = p_grain_id_n1
          AND grain_type = p_grain_type
          AND grain_key_ext IS NOT DISTINCT FROM p_grain_key_ext
          AND version = p_expected_version
        RETURNING version INTO written_version;
    END IF;

    -- NULL means "not written": the provider reports it as a version conflict.
    RETURN written_version;
END
$fn$;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('ReadFromStorageKey', $q$
    SELECT payload AS "PayloadBinary",
           version AS "Version"
    FROM orleans_grain_state
    WHERE grain_id_hash = @GrainIdHash
      AND grain_type_hash = @GrainTypeHash
      AND service_id = @ServiceId
      AND grain_id_n0 = @GrainIdN0
      AND grain_id_n1 = @GrainIdN1
      AND grain_type = @GrainTypeString
      AND grain_key_ext IS NOT DISTINCT FROM @GrainIdExtensionString;
$q$),

('WriteToStorageKey', $q$
    SELECT orleans_grain_state_write(
        @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString, @GrainIdExtensionString,
        @ServiceId, @GrainStateVersion, @PayloadBinary) AS "NewGrainStateVersion";
$q$),

-- Clearing keeps the row with an empty payload and a new version.
('ClearStorageKey', $q$
    UPDATE orleans_grain_state
    SET payload = NULL,
        version = version + 1,
        modified_at = now()
    WHERE grain_id_hash = @GrainIdHash
      AND grain_type_hash = @GrainTypeHash
      AND service_id = @ServiceId
      AND grain_id_n0 = @GrainIdN0
      AND grain_id_n1 = @GrainIdN1
      AND grain_type = @GrainTypeString
      AND grain_key_ext IS NOT DISTINCT FROM @GrainIdExtensionString
      AND version = @GrainStateVersion
    RETURNING version AS "NewGrainStateVersion";
$q$),

-- Used instead of ClearStorageKey when the storage is configured with DeleteStateOnClear. The provider expects the
-- deleted row's version plus one so that it can tell success from a conflict.
('DeleteStorageKey', $q$
    DELETE FROM orleans_grain_state
    WHERE grain_id_hash = @GrainIdHash
      AND grain_type_hash = @GrainTypeHash
      AND service_id = @ServiceId
      AND grain_id_n0 = @GrainIdN0
      AND grain_id_n1 = @GrainIdN1
      AND grain_type = @GrainTypeString
      AND grain_key_ext IS NOT DISTINCT FROM @GrainIdExtensionString
      AND version = @GrainStateVersion
    RETURNING version + 1 AS "NewGrainStateVersion";
$q$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
