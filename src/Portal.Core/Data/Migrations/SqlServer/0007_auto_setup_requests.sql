-- One-click set-up: requests per client IP (hashed) per minute. One row per IP and minute, counted up in place,
-- so a busy endpoint costs one small write per request and the limit holds across nodes.
CREATE TABLE dbo.AutoSetupRequests (
    ClientIpHash  char(64)          NOT NULL,
    WindowStart   datetimeoffset(7) NOT NULL,
    Requests      int               NOT NULL,
    CONSTRAINT PK_AutoSetupRequests PRIMARY KEY (ClientIpHash, WindowStart)
);
CREATE INDEX IX_AutoSetupRequests_WindowStart ON dbo.AutoSetupRequests (WindowStart);
