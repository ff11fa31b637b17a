-- A session past its absolute end can never be used again: nothing is lost by deleting it.
DELETE FROM StaffSessions WHERE ExpiresAt <= @Now;
