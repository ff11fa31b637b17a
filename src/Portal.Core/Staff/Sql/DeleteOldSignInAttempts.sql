DELETE FROM StaffSignInAttempts WHERE At < @Before;
