INSERT INTO MemberEvents (MemberId, Kind, Detail, At) VALUES (@MemberId, @Kind, @Detail, @At);
