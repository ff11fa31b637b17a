using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Portal.Core.Probe;

internal sealed class ProbeOptionsValidator(IHostEnvironment environment) : IValidateOptions<ProbeOptions>
{
    public ValidateOptionsResult Validate(string? name, ProbeOptions o)
    {
        var problems = new List<string>();
        void Positive(string key, int value)
        {
            if (value <= 0) problems.Add($"Submission:{key}: must be greater than 0 (was {value})");
        }

        Positive("BudgetSeconds", o.BudgetSeconds);
        Positive("StepTimeoutSeconds", o.StepTimeoutSeconds);
        if (o.StepTimeoutSeconds > o.BudgetSeconds)
            problems.Add($"Submission:StepTimeoutSeconds: must not be longer than Submission:BudgetSeconds ({o.StepTimeoutSeconds} > {o.BudgetSeconds})");
        Positive("ResultDays", o.ResultDays);
        Positive("Limits:PerAccount", o.Limits.PerAccount);
        Positive("Limits:PerAccountWindowMinutes", o.Limits.PerAccountWindowMinutes);
        Positive("Limits:PerClientIp", o.Limits.PerClientIp);
        Positive("Limits:PerClientIpWindowMinutes", o.Limits.PerClientIpWindowMinutes);
        Positive("Limits:MaxConcurrent", o.Limits.MaxConcurrent);
        if (o.Limits.QueueWaitSeconds < 0) problems.Add($"Submission:Limits:QueueWaitSeconds: must not be negative (was {o.Limits.QueueWaitSeconds})");
        if (!string.IsNullOrWhiteSpace(o.Recipient) && (!System.Net.Mail.MailAddress.TryCreate(o.Recipient, out var parsed) || parsed.Address != o.Recipient))
            problems.Add($"Submission:Recipient: '{o.Recipient}' is not a mail address");

        if (!string.IsNullOrWhiteSpace(o.TrustedCertificateFile))
        {
            var path = Path.GetFullPath(o.TrustedCertificateFile, environment.ContentRootPath);
            if (!File.Exists(path)) problems.Add($"Submission:TrustedCertificateFile: the file '{path}' does not exist");
            else if (ProbeSettingsSource.ReadPem(path) is { Error: { } error }) problems.Add($"Submission:TrustedCertificateFile: '{path}' {error}");
        }

        if (o.DangerouslyAcceptAnyCertificateForDevelopment && !environment.IsDevelopment())
            problems.Add("Submission:DangerouslyAcceptAnyCertificateForDevelopment: may only be true in the Development environment");

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
