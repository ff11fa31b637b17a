INSERT INTO StaffActions (Staff, Action, Detail, At) VALUES (@Staff, @Action, @Detail, @At);
