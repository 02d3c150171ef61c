-- Users' credentials in a row of their own (issue 16; Silo/Storage/PostgresCredentialStore.cs).
--
-- Until now the password hash and the sign-in bookkeeping (lockout counters, known clients, one record per session)
-- were columns of the user's row, so every sign-in and every refresh rewrote the profile's row and moved its revision.
-- Now the credentials' grain alone writes this row and the user's grain the profile. The sign-up's statement inserts
-- both rows, and deleting the user deletes its credentials by the foreign key.
--
-- users.password_hash and users.sign_in are emptied and fenced off rather than dropped: every migration must run again
-- harmlessly (SchemaMigratorTests), and 0012, whose text its checksum fixes, inserts into both columns by name. The
-- check keeps them empty for good: no secret is stored there again, and a silo of the build before, which would write
-- a user's credentials there, fails loudly instead of losing them. Stop those silos before this build's first starts.

CREATE TABLE IF NOT EXISTS user_credentials
(
    user_id       bigint NOT NULL,
    password_hash text   NOT NULL,
    -- SignInState as snake_case JSON: bounded by the options, not by how often the user signs in or refreshes.
    sign_in       jsonb  NOT NULL DEFAULT '{}',
    -- Moves with every write: a second activation of the credentials' grain cannot overwrite the first.
    revision      bigint NOT NULL,

    CONSTRAINT pk_user_credentials PRIMARY KEY (user_id),
    CONSTRAINT fk_user_credentials_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);

-- Every existing user keeps its password and its sessions.
INSERT INTO user_credentials (user_id, password_hash, sign_in, revision)
SELECT id, password_hash, COALESCE(sign_in, '{}'), 1
FROM users
WHERE password_hash IS NOT NULL
ON CONFLICT (user_id) DO NOTHING;

ALTER TABLE users
    ALTER COLUMN password_hash DROP NOT NULL,
    ALTER COLUMN sign_in DROP NOT NULL,
    ALTER COLUMN sign_in DROP DEFAULT;

UPDATE users SET password_hash = NULL, sign_in = NULL WHERE password_hash IS NOT NULL OR sign_in IS NOT NULL;

ALTER TABLE users
    DROP CONSTRAINT IF EXISTS ck_users_no_credentials,
    ADD CONSTRAINT ck_users_no_credentials CHECK (password_hash IS NULL AND sign_in IS NULL);

COMMENT ON COLUMN users.password_hash IS 'Always NULL: moved to user_credentials by migration 0013.';
COMMENT ON COLUMN users.sign_in IS 'Always NULL: moved to user_credentials by migration 0013.';
