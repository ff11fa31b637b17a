SELECT ScriptName FROM dbo.SchemaVersions;
