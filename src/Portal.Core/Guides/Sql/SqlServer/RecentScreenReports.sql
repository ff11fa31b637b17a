SELECT TOP (@Count) Guide, Step, Language, ProgramVersion, WhatTheySee, CreatedAt FROM dbo.ScreenReports ORDER BY Id DESC;
