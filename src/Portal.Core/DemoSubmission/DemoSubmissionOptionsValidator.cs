using Microsoft.Extensions.Options;

namespace Portal.Core.DemoSubmission;

public sealed class DemoSubmissionOptionsValidator : IValidateOptions<DemoSubmissionOptions>
{
    public ValidateOptionsResult Validate(string? name, DemoSubmissionOptions options)
    {
        var failures = DemoSubmissionOptions.Validate(options);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
