-- Users in a table of their own (issue 11, write path; Silo/Storage/PostgresUserStore.cs).
--
-- Until now a user was a grain state row (JSON in orleans_grain_state, grain type 'user'), its address was held by an
-- e-mail claim grain's row ('email', keyed by the normalised address) that a sign-up wrote, confirmed and an address
-- change released, its welcome mail's sent marker was a third row ('welcome-email'), and the sign-up's event and
-- idempotency record were written in transactions of their own: 4 sequential round trips and as many commits. Now the
-- unique index on email_key is the claim, and one statement stores the user, its idempotency record, the welcome job's
-- stream message and its feed row.

CREATE TABLE IF NOT EXISTS users
(
    id                 bigint      NOT NULL,
    email              text        NOT NULL,
    -- The address trimmed and upper-cased (EmailAddress.Normalize): two spellings of one address meet here.
    email_key          text        NOT NULL,
    name               text        NULL,
    password_hash      text        NOT NULL,
    roles              text[]      NOT NULL DEFAULT '{}',
    -- Lockout counters, known clients and one record per session (SignInState as snake_case JSON): bounded by the
    -- options, not by how often the user signs in or refreshes.
    sign_in            jsonb       NOT NULL DEFAULT '{}',
    -- The user's public version (ETags); it does not move with sign-in bookkeeping.
    version            bigint      NOT NULL,
    -- Moves with every write: a second activation of the user's grain cannot overwrite the first.
    revision           bigint      NOT NULL,
    created_at         timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL,
    welcome_sent_at    timestamptz NULL,
    welcome_message_id text        NULL,

    CONSTRAINT pk_users PRIMARY KEY (id)
);

CREATE UNIQUE INDEX IF NOT EXISTS ux_users_email_key ON users (email_key);

-- User events share the feed with order events; they name no order.
ALTER TABLE order_feed ALTER COLUMN order_id DROP NOT NULL;

-- Existing users move over with their address's claim key (the claim grain's key is exactly EmailAddress.Normalize;
-- upper() is only the fallback for a user without a claim row) and their welcome marker.
INSERT INTO users (id, email, email_key, name, password_hash, roles, sign_in, version, revision, created_at, updated_at,
                   welcome_sent_at, welcome_message_id)
SELECT u.grain_id_n1,
       u.state ->> 'email',
       COALESCE(claim.grain_key_ext, upper(btrim(u.state ->> 'email'))),
       u.state ->> 'name',
       u.state ->> 'password_hash',
       ARRAY(SELECT jsonb_array_elements_text(COALESCE(u.state -> 'roles', '[]'::jsonb))),
       COALESCE(u.state -> 'sign_in', '{}'::jsonb),
       (u.state ->> 'version')::bigint,
       1,
       (u.state ->> 'created_at')::timestamptz,
       (u.state ->> 'updated_at')::timestamptz,
       (welcome.state ->> 'sent_at')::timestamptz,
       welcome.state ->> 'message_id'
FROM (SELECT grain_id_n1, convert_from(payload, 'UTF8')::jsonb AS state
      FROM orleans_grain_state
      WHERE grain_type = 'user' AND grain_id_n0 = 0 AND payload IS NOT NULL) u
LEFT JOIN LATERAL (SELECT c.grain_key_ext
                   FROM orleans_grain_state c
                   WHERE c.grain_type = 'email' AND c.payload IS NOT NULL
                     AND (convert_from(c.payload, 'UTF8')::jsonb ->> 'owner_id')::bigint = u.grain_id_n1
                     AND upper(btrim(u.state ->> 'email')) = upper(c.grain_key_ext)
                   LIMIT 1) claim ON true
LEFT JOIN LATERAL (SELECT convert_from(w.payload, 'UTF8')::jsonb AS state
                   FROM orleans_grain_state w
                   WHERE w.grain_type = 'welcome-email' AND w.grain_id_n0 = 0 AND w.grain_id_n1 = u.grain_id_n1
                     AND w.payload IS NOT NULL) welcome ON true
ON CONFLICT (id) DO NOTHING;

DELETE FROM orleans_grain_state WHERE grain_type IN ('user', 'email', 'welcome-email');
