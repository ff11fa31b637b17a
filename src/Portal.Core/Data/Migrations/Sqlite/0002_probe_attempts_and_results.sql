-- Probe throttles and results live in the database, so limits hold across web nodes and restarts.
-- Keys are hashes: the throttle table holds no account name or address.
CREATE TABLE ProbeAttempts (
    Id      INTEGER PRIMARY KEY AUTOINCREMENT,
    Scope   TEXT NOT NULL,
    KeyHash TEXT NOT NULL,
    At      TEXT NOT NULL
);
CREATE INDEX IX_ProbeAttempts_Scope_KeyHash_At ON ProbeAttempts (Scope, KeyHash, At);
CREATE INDEX IX_ProbeAttempts_At ON ProbeAttempts (At);

-- A probe's outcome for the member and support; never a password.
CREATE TABLE ProbeResults (
    Id         TEXT    NOT NULL PRIMARY KEY,
    Code       TEXT    NOT NULL UNIQUE,
    CreatedAt  TEXT    NOT NULL,
    ExpiresAt  TEXT    NOT NULL,
    Account    TEXT    NOT NULL,
    Host       TEXT    NOT NULL,
    Port       INTEGER NOT NULL,
    Security   TEXT    NOT NULL,
    Client     TEXT    NULL,
    Verdict    TEXT    NOT NULL,
    Diagnosis  TEXT    NOT NULL,
    Steps      TEXT    NOT NULL,
    Transcript TEXT    NOT NULL
);
CREATE INDEX IX_ProbeResults_ExpiresAt ON ProbeResults (ExpiresAt);
