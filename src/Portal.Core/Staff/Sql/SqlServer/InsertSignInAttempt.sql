INSERT INTO dbo.StaffSignInAttempts (ClientIpHash, At) OUTPUT inserted.Id VALUES (@ClientIpHash, @At);
