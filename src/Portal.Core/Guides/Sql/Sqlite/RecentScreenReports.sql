SELECT Guide, Step, Language, ProgramVersion, WhatTheySee, CreatedAt FROM ScreenReports ORDER BY Id DESC LIMIT @Count;
