using Portal.Core.Guides;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Core.Configuration;
using Portal.Core.DemoSubmission;

namespace Portal.Core.Probe;

/// <summary>A member asking to test their settings: the account as typed, the password (held for this probe only).</summary>
public sealed record MemberProbe(string Account, string Password, string? Program, string ClientIp, bool SendTestMessage = false, string? OtherHost = null, int? OtherPort = null)
{
    /// <summary>What the member's program can send with (its guide's <c>sends</c>): the probe tries where that program sends.</summary>
    public IReadOnlyCollection<ConnectionSecurity>? ProgramSends { get; init; }

    public override string ToString() => $"MemberProbe {{ Account = {Account}, Program = {Program}, ClientIp = {ClientIp}, OtherHost = {OtherHost} }}";
}

public abstract record ProbeOutcome
{
    public sealed record Completed(StoredProbe Result) : ProbeOutcome;

    /// <summary>Too many probes for this account or address: no connection was made.</summary>
    public sealed record Throttled(DateTimeOffset RetryAt) : ProbeOutcome;

    /// <summary>Every outbound probe slot of this node stayed taken for the whole wait.</summary>
    public sealed record Busy : ProbeOutcome;

    /// <summary>What the member typed cannot be probed; <see cref="TextKey"/> names the message for them.</summary>
    public sealed record Invalid(string Field, string TextKey) : ProbeOutcome;

    /// <summary>The portal's database did not answer: nothing was probed, or the result could not be kept.</summary>
    public sealed record Unavailable : ProbeOutcome;
}

/// <summary>
/// Where the web page's probes go: checks what was typed, waits for one of this node's outbound slots,
/// applies the account and IP limits, runs <see cref="SubmissionProbe"/> against the ISP's server and files the result.
/// </summary>
public sealed class ProbeDesk(
    ProbeSettingsSource settings, IspAccountProbe ispAccount, ProbeThrottle throttle, ProbeResultStore results, DemoMode demo, OtherProviderPolicy otherProviders,
    TestMessage testMessage, Members.MemberProgress progressOfMembers, IOptions<IspOptions> isp, IOptions<ProbeOptions> options, TimeProvider time,
    ILogger<ProbeDesk> logger)
{
    /// <summary>Probe failures that say nothing about the account: worth trying the ISP's port 465 as well.</summary>
    private static readonly HashSet<string> ConnectionTrouble =
    [
        Diagnosis.ConnectRefused, Diagnosis.ConnectTimeout, Diagnosis.GreetingTimeout, Diagnosis.TlsNotOffered, Diagnosis.TlsFailed, Diagnosis.ProtocolError,
    ];

    private readonly SemaphoreSlim _ispSlots = new(options.Value.Limits.MaxConcurrent, options.Value.Limits.MaxConcurrent);

    // Separate from the ISP's: however many tarpits members name, the ISP's own probe stays available.
    private readonly SemaphoreSlim _otherSlots = new(options.Value.OtherProviders.MaxConcurrent, options.Value.OtherProviders.MaxConcurrent);

    public async Task<ProbeOutcome> RunAsync(MemberProbe member, IProgress<ProbeStep>? progress, CancellationToken cancellationToken)
    {
        // Full-width letters, digits and ＠ typed with the Japanese input method on are the same account (NFKC).
        if (member.Account.Length > MaxAccountLength) return new ProbeOutcome.Invalid("account", "Probe.Error.AccountLength");
        var account = member.Account.Normalize(System.Text.NormalizationForm.FormKC).Trim();
        if (account.Length == 0) return new ProbeOutcome.Invalid("account", "Probe.Error.AccountMissing");
        if (account.Length > MaxAccountLength) return new ProbeOutcome.Invalid("account", "Probe.Error.AccountLength");
        if (!LooksLikeAccount(account)) return new ProbeOutcome.Invalid("account", "Probe.Error.Account");
        if (string.IsNullOrEmpty(member.Password)) return new ProbeOutcome.Invalid("password", "Probe.Error.Password");
        if (member.Password.Length > MaxPasswordLength) return new ProbeOutcome.Invalid("password", "Probe.Error.PasswordLength");
        var other = !string.IsNullOrWhiteSpace(member.OtherHost);
        if (other && !otherProviders.Enabled) return new ProbeOutcome.Invalid("host", "Probe.Error.OtherProvidersOff");
        // The ISP's server is sent the user name only (Isp:UserNameFormat=LocalPart): an address at another domain would
        // be a new throttle key for the same account, an unlimited supply of guesses.
        if (!other && !IsOwnDomain(Split(account).Domain)) return new ProbeOutcome.Invalid("account", "Probe.Error.ForeignDomain");

        // A program that cannot use any secure way the ISP offers is told so, as its guide's settings card says: a pass
        // on a port it cannot use would read as "your settings are fine".
        var sending = other ? null : ProgramSending.Choose(demo.Submission, demo.ImplicitTls, member.ProgramSends);
        if (!other && sending is null) return new ProbeOutcome.Invalid("program", "Probe.Error.ProgramCannotSend");

        var slots = other ? _otherSlots : _ispSlots;
        if (!await slots.WaitAsync(TimeSpan.FromSeconds(options.Value.Limits.QueueWaitSeconds), cancellationToken))
        {
            logger.LogWarning("Probe refused: all {Slots} {Kind} probe slots busy",
                other ? options.Value.OtherProviders.MaxConcurrent : options.Value.Limits.MaxConcurrent, other ? "other-provider" : "ISP");
            return new ProbeOutcome.Busy();
        }

        // The probe has its own budget; a try on port 465 and a test message only get what is left of it.
        var probeSettings = settings.Current();
        if (other) probeSettings = probeSettings with { Budget = TimeSpan.FromSeconds(Math.Min(options.Value.OtherProviders.BudgetSeconds, options.Value.BudgetSeconds)) };
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(probeSettings.Budget);
        try
        {
            var request = ispAccount.Request(account, member.Password);
            // Where the member's program sends: the main submission, or the implicit-TLS port for a program that needs it.
            if (sending is not null) request = request with { Target = new ProbeTarget(sending.Host, sending.Port, sending.Security) };
            if (await throttle.TryTakeAsync(ThrottleKey(account), member.ClientIp, cancellationToken) is { } retryAt)
            {
                logger.LogInformation("Probe for {Account} from {ClientIp} throttled until {RetryAt:o}", request.UserName, member.ClientIp, retryAt);
                return new ProbeOutcome.Throttled(retryAt);
            }

            if (other)
            {
                // Checked after the limits: looking names up is work an abuser should pay for too.
                var port = member.OtherPort ?? 587;
                var (addresses, refusal) = await otherProviders.CheckAsync(member.OtherHost!, port, deadline.Token);
                if (refusal is not null) return new ProbeOutcome.Invalid("host", refusal);
                var security = port == 465 ? ConnectionSecurity.SslOnConnect : ConnectionSecurity.StartTls;
                // Another provider's user names are theirs: the account exactly as typed.
                request = request with { UserName = account, Target = new ProbeTarget(member.OtherHost!.Trim().TrimEnd('.'), port, security, addresses) };
            }

            var probe = new SubmissionProbe(probeSettings, time);
            var report = await probe.RunAsync(request, progress, cancellationToken);
            var worked = request;
            if (report.Verdict == ProbeVerdict.Fail && !other && BeforeSignIn(report) && demo.ImplicitTls is { } alternative)
                (report, worked) = await TryImplicitTlsAsync(probe, request, report, alternative, progress, deadline.Token);
            if (member.SendTestMessage && report.Verdict != ProbeVerdict.Fail)
                report = report with { Steps = [.. report.Steps, await testMessage.SendAsync(worked, probeSettings, progress, deadline.Token)] };

            var stored = await results.SaveAsync(request, member.Program, report, cancellationToken);
            logger.LogInformation("Probe {Code} for {Account}: {Verdict} {Diagnosis} in {Ms} ms", stored.Code, request.UserName, report.Verdict, report.Diagnosis, report.TotalMs);
            if (!other) await progressOfMembers.ProbedAsync(account, stored, cancellationToken);
            return new ProbeOutcome.Completed(stored);
        }
        catch (System.Data.Common.DbException e)
        {
            logger.LogError(e, "Probe for {Account}: the database did not answer", account);
            return new ProbeOutcome.Unavailable();
        }
        finally
        {
            slots.Release();
        }
    }

    /// <summary>A failure before the password was tried: trying 465 then sends it nowhere it has not gone.</summary>
    private static bool BeforeSignIn(ProbeReport report) =>
        ConnectionTrouble.Contains(report.Diagnosis) && report.Steps.Any(s => s.Name == ProbeSteps.Authenticate && s.Status == ProbeStatus.Skipped);

    /// <summary>No password is that long; a cap keeps a 4 MB form from being sent to the server as one.</summary>
    internal const int MaxPasswordLength = 256;

    /// <summary>An address is at most 254 characters (RFC 5321's path limit less its brackets).</summary>
    internal const int MaxAccountLength = 254;

    /// <summary>
    /// One key per account however it is typed: for the ISP's server, the account the user name stands for (its local
    /// part at the ISP's domain, lower case, Unicode-normalised, whichever form the server is sent); for another
    /// provider, the address as typed.
    /// </summary>
    internal string ThrottleKey(string account)
    {
        var (local, domain) = Split(account);
        return $"{local}@{(IsOwnDomain(domain) ? isp.Value.MailDomain.ToLowerInvariant() : domain)}";
    }

    /// <summary>The account as typed, Unicode-normalised and lower case, split at its @ (no domain: a user name).</summary>
    private static (string Local, string? Domain) Split(string account)
    {
        var normal = account.Normalize(System.Text.NormalizationForm.FormKC).ToLowerInvariant();
        var at = normal.IndexOf('@', StringComparison.Ordinal);
        return at < 0 ? (normal, null) : (normal[..at], normal[(at + 1)..]);
    }

    /// <summary>No domain (a user name), the ISP's domain, or in demo mode the demo account's.</summary>
    private bool IsOwnDomain(string? domain) =>
        domain is null || string.Equals(domain, isp.Value.MailDomain, StringComparison.OrdinalIgnoreCase)
                       || (demo.IsOn && demo.Options.AccountAddress.EndsWith($"@{domain}", StringComparison.OrdinalIgnoreCase));

    /// <summary>587 failed for a reason unrelated to the account, but the ISP also offers 465: if that works, the member can still send (warn).</summary>
    private static async Task<(ProbeReport Report, ProbeRequest Worked)> TryImplicitTlsAsync(SubmissionProbe probe, ProbeRequest request, ProbeReport failed,
        MailServer alternative, IProgress<ProbeStep>? progress, CancellationToken deadline)
    {
        var alternativeRequest = request with { Target = new ProbeTarget(alternative.Host, alternative.Port, ConnectionSecurity.SslOnConnect) };
        ProbeReport second;
        try
        {
            second = await probe.RunAsync(alternativeRequest, null, deadline);
        }
        catch (OperationCanceledException)
        {
            return (failed, request); // the request's deadline ran out first: the first answer stands
        }

        var works = second.Verdict != ProbeVerdict.Fail;
        var port = alternative.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var step = works
            ? ProbeStep.Said(ProbeSteps.Alternative, ProbeStatus.Warn, second.TotalMs, "alternative-works", port)
            : ProbeStep.Said(ProbeSteps.Alternative, ProbeStatus.Fail, second.TotalMs, "alternative-fails", port, second.Diagnosis);
        progress?.Report(step);
        var report = failed with { Verdict = works ? ProbeVerdict.Warn : ProbeVerdict.Fail, Steps = [.. failed.Steps, step], Transcript = failed.Transcript + "# then port " + alternative.Port + "\n" + second.Transcript };
        return (report, works ? alternativeRequest : request);
    }

    /// <summary>A user name or an address: printable, no spaces, at most one @ with something on both sides.</summary>
    internal static bool LooksLikeAccount(string account)
    {
        if (account.Length is 0 or > 254 || account.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '<' or '>' or '"' or ',' or '(' or ')'
                || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.Format)) return false;
        var at = account.IndexOf('@', StringComparison.Ordinal);
        return at < 0 || (at > 0 && at == account.LastIndexOf('@') && at < account.Length - 1);
    }
}
