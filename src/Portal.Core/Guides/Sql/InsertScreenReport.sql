INSERT INTO ScreenReports (Guide, Step, Language, ProgramVersion, WhatTheySee, ClientIpHash, CreatedAt)
VALUES (@Guide, @Step, @Language, @ProgramVersion, @WhatTheySee, @ClientIpHash, @CreatedAt);
