SELECT Kind, Detail, At FROM MemberEvents WHERE MemberId = @MemberId ORDER BY At, Id;
