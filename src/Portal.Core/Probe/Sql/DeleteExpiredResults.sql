DELETE FROM ProbeResults WHERE ExpiresAt < @Now;
