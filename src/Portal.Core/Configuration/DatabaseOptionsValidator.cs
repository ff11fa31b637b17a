using Microsoft.Data.SqlClient;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Portal.Core.Data;

namespace Portal.Core.Configuration;

internal sealed class DatabaseOptionsValidator(IHostEnvironment environment) : IValidateOptions<DatabaseOptions>
{
    /// <summary>Problems with the options, each naming the key; never echoes a connection string (it may hold a password).</summary>
    public ValidateOptionsResult Validate(string? name, DatabaseOptions options)
    {
        var contentRoot = environment.ContentRootPath;
        var problems = new Problems();
        if (!Enum.IsDefined(options.Provider))
        {
            problems.Add("Database:Provider", $"must be Sqlite or SqlServer (was {options.Provider})");
            return problems.Result();
        }

        if (options.Provider == DatabaseProvider.SqlServer)
        {
            if (string.IsNullOrWhiteSpace(options.ConnectionString))
            {
                problems.Add("Database:ConnectionString", "is required when Database:Provider is SqlServer");
                return problems.Result();
            }

            try
            {
                _ = new SqlConnectionStringBuilder(options.ConnectionString);
            }
            catch (Exception e) when (e is ArgumentException or FormatException or KeyNotFoundException)
            {
                problems.Add("Database:ConnectionString", $"is not a valid SQL Server connection string ({e.GetType().Name}: {e.Message})");
            }

            return problems.Result();
        }

        DatabaseLocation location;
        try
        {
            location = DatabaseLocation.Resolve(options, contentRoot);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or KeyNotFoundException)
        {
            problems.Add("Database:ConnectionString", $"is not a SQLite file path or connection string ({e.Message})");
            return problems.Result();
        }

        var folder = Path.GetDirectoryName(location.SqliteFile);
        var isDefault = string.IsNullOrWhiteSpace(options.ConnectionString);
        // The default App_Data folder is created on first run; a folder the operator named must already exist.
        if (!isDefault && folder is not null && !Directory.Exists(folder))
            problems.Add("Database:ConnectionString", $"the folder '{folder}' for the SQLite file does not exist");
        else if (Directory.Exists(location.SqliteFile))
            problems.Add("Database:ConnectionString", $"'{location.SqliteFile}' is a folder, not a SQLite file");

        return problems.Result();
    }
}
