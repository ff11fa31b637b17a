UPDATE Campaigns SET SendBy = NULL, SendBaseUrl = NULL, LeaseOwner = NULL, LeaseUntil = NULL, LastSentAt = @Now WHERE Id = @Id AND LeaseOwner = @Owner;
