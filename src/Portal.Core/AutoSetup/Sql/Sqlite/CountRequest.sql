INSERT INTO AutoSetupRequests (ClientIpHash, WindowStart, Requests) VALUES (@ClientIpHash, @WindowStart, 1)
ON CONFLICT (ClientIpHash, WindowStart) DO UPDATE SET Requests = Requests + 1
RETURNING Requests;
