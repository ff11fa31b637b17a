-- One statement, so one transaction: SQLite takes the write lock before the counts are read, so two nodes cannot both
-- take the last probe. Records the probe for the account and the IP only if neither is at its limit; the number of rows
-- inserted (2 or 0) says which.
WITH Attempt (Scope, KeyHash) AS (SELECT 'account', @AccountKey UNION ALL SELECT 'ip', @IpKey)
INSERT INTO ProbeAttempts (Scope, KeyHash, At)
SELECT Scope, KeyHash, @At FROM Attempt
WHERE (SELECT COUNT(*) FROM ProbeAttempts WHERE Scope = 'account' AND KeyHash = @AccountKey AND At > @AccountSince) < @AccountLimit
  AND (SELECT COUNT(*) FROM ProbeAttempts WHERE Scope = 'ip' AND KeyHash = @IpKey AND At > @IpSince) < @IpLimit;
