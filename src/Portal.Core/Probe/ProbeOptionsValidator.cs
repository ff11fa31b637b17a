using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Portal.Core.Configuration;
using Portal.Core.Mail;

namespace Portal.Core.Probe;

internal sealed class ProbeOptionsValidator(IHostEnvironment environment) : IValidateOptions<ProbeOptions>
{
    public ValidateOptionsResult Validate(string? name, ProbeOptions o)
    {
        var p = new Problems();
        p.Positive("Submission:BudgetSeconds", o.BudgetSeconds);
        p.Positive("Submission:StepTimeoutSeconds", o.StepTimeoutSeconds);
        if (o.StepTimeoutSeconds > o.BudgetSeconds)
            p.Add("Submission:StepTimeoutSeconds", $"must not be longer than Submission:BudgetSeconds ({o.StepTimeoutSeconds} > {o.BudgetSeconds})");
        p.Positive("Submission:ResultDays", o.ResultDays);
        p.Positive("Submission:Limits:PerAccount", o.Limits.PerAccount);
        p.Positive("Submission:Limits:PerAccountWindowMinutes", o.Limits.PerAccountWindowMinutes);
        p.Positive("Submission:Limits:PerClientIp", o.Limits.PerClientIp);
        p.Positive("Submission:Limits:PerClientIpWindowMinutes", o.Limits.PerClientIpWindowMinutes);
        p.Positive("Submission:Limits:MaxConcurrent", o.Limits.MaxConcurrent);
        p.Positive("Submission:OtherProviders:MaxConcurrent", o.OtherProviders.MaxConcurrent);
        p.Positive("Submission:OtherProviders:BudgetSeconds", o.OtherProviders.BudgetSeconds);
        if (o.Limits.QueueWaitSeconds < 0) p.Add("Submission:Limits:QueueWaitSeconds", $"must not be negative (was {o.Limits.QueueWaitSeconds})");
        if (!string.IsNullOrWhiteSpace(o.Recipient)) p.MailAddress("Submission:Recipient", o.Recipient);
        TrustedCertificates.Check(p, "Submission:TrustedCertificateFile", o.TrustedCertificateFile, environment.ContentRootPath);
        if (o.DangerouslyAcceptAnyCertificateForDevelopment && !environment.IsDevelopment())
            p.Add("Submission:DangerouslyAcceptAnyCertificateForDevelopment", "may only be true in the Development environment");
        return p.Result();
    }
}
