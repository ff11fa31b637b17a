SELECT Kind, Detail, At FROM dbo.MemberEvents WHERE MemberId = @MemberId ORDER BY At, Id;
