-- One-click set-up: requests per client IP (hashed) per minute. One row per IP and minute, counted up in place,
-- so a busy endpoint costs one small write per request and the limit holds across nodes.
CREATE TABLE AutoSetupRequests (
    ClientIpHash  TEXT    NOT NULL,
    WindowStart   TEXT    NOT NULL,
    Requests      INTEGER NOT NULL,
    PRIMARY KEY (ClientIpHash, WindowStart)
) WITHOUT ROWID;
CREATE INDEX IX_AutoSetupRequests_WindowStart ON AutoSetupRequests (WindowStart);
