-- HOLDLOCK: two nodes counting the first request of a window must not both insert.
MERGE dbo.AutoSetupRequests WITH (HOLDLOCK) AS t
USING (SELECT @ClientIpHash AS ClientIpHash, @WindowStart AS WindowStart) AS s
    ON t.ClientIpHash = s.ClientIpHash AND t.WindowStart = s.WindowStart
WHEN MATCHED THEN UPDATE SET Requests = t.Requests + 1
WHEN NOT MATCHED THEN INSERT (ClientIpHash, WindowStart, Requests) VALUES (s.ClientIpHash, s.WindowStart, 1)
OUTPUT inserted.Requests;
