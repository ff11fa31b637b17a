using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Portal.Core.Data;

namespace Portal.Core.Configuration;

internal sealed class DatabaseOptionsValidator(IHostEnvironment environment) : IValidateOptions<DatabaseOptions>
{
    public ValidateOptionsResult Validate(string? name, DatabaseOptions options)
    {
        var problems = DatabaseLocation.Check(options, environment.ContentRootPath);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
