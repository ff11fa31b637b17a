UPDATE Campaigns SET LeaseOwner = NULL, LeaseUntil = NULL WHERE Id = @Id AND LeaseOwner = @Owner;
