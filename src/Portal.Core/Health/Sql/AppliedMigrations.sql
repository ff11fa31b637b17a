SELECT ScriptName FROM SchemaVersions;
