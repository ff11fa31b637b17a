DELETE FROM StaffSignInAttempts WHERE Id = @Id;
