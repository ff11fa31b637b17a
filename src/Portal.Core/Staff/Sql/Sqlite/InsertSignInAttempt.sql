INSERT INTO StaffSignInAttempts (ClientIpHash, At) VALUES (@ClientIpHash, @At) RETURNING Id;
