UPDATE StaffSessions SET EndedAt = @At WHERE Id = @Id AND EndedAt IS NULL;
