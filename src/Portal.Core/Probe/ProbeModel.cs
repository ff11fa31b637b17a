using System.Net;
using Portal.Core.Configuration;

namespace Portal.Core.Probe;

public enum ProbeStatus
{
    Pass,
    Warn,
    Fail,
    Skipped,
}

public enum ProbeVerdict
{
    Pass,
    Warn,
    Fail,
}

/// <summary>The fixed set of diagnoses a probe ends with; each maps to plain words and a guide step for members.</summary>
public static class Diagnosis
{
    public const string Ok = "ok";
    public const string DnsFailed = "dns-failed";
    public const string ConnectRefused = "connect-refused";
    public const string ConnectTimeout = "connect-timeout";
    public const string GreetingTimeout = "greeting-timeout";
    public const string TlsNotOffered = "tls-not-offered";
    public const string TlsFailed = "tls-failed";
    public const string CertificateInvalid = "certificate-invalid";
    public const string AuthNotOffered = "auth-not-offered";
    public const string AuthFailed = "auth-failed";
    public const string SenderRejected = "sender-rejected";
    public const string ServerBusy = "server-busy";
    public const string ProtocolError = "protocol-error";

    public static readonly IReadOnlyList<string> All =
    [
        Ok, DnsFailed, ConnectRefused, ConnectTimeout, GreetingTimeout, TlsNotOffered, TlsFailed, CertificateInvalid,
        AuthNotOffered, AuthFailed, SenderRejected, ServerBusy, ProtocolError,
    ];

    /// <summary>The tag of the guide step that fixes it (see the guide content README), or null when nothing in the program can.</summary>
    public static string? GuideTag(string diagnosis) => diagnosis switch
    {
        DnsFailed or CertificateInvalid => "server",
        ConnectRefused or ConnectTimeout or GreetingTimeout or ProtocolError => "port",
        TlsNotOffered or TlsFailed or AuthNotOffered => "security",
        AuthFailed => "password",
        SenderRejected => "user",
        _ => null,
    };
}

/// <summary>The step names, in the order a probe takes them.</summary>
public static class ProbeSteps
{
    public const string Resolve = "resolve";
    public const string Connect = "connect";
    public const string Greeting = "greeting";
    public const string Ehlo = "ehlo";
    public const string Tls = "tls";
    public const string EhloAgain = "ehlo-again";
    public const string AuthMechanisms = "auth-mechanisms";
    public const string Authenticate = "authenticate";
    public const string Sender = "sender";
    public const string Quit = "quit";

    public static readonly IReadOnlyList<string> All = [Resolve, Connect, Greeting, Ehlo, Tls, EhloAgain, AuthMechanisms, Authenticate, Sender, Quit];

    // Added after the others when they apply: the ISP's port 465 tried when 587 failed, and a real test message on request.
    public const string Alternative = "alternative-465";
    public const string TestMessage = "test-message";
}

public sealed record ProbeStep(string Name, ProbeStatus Status, long Ms, string Detail)
{
    /// <summary>The words of <see cref="Detail"/> (a key of <see cref="StepDetails"/>), so pages can say it in the member's language.</summary>
    public string? Key { get; init; }

    /// <summary>The values in those words: names, addresses and server replies, as they were.</summary>
    public IReadOnlyList<string>? Values { get; init; }

    /// <summary>A step whose detail is said in words of <see cref="StepDetails"/>.</summary>
    public static ProbeStep Said(string name, ProbeStatus status, long ms, string key, params string[] values) =>
        new(name, status, ms, StepDetails.English(key, values)) { Key = key, Values = values };
}

public sealed record ProbeReport(ProbeVerdict Verdict, string Diagnosis, IReadOnlyList<ProbeStep> Steps, string Transcript)
{
    public long TotalMs => Steps.Sum(s => s.Ms);
}

/// <summary>Where to probe. <see cref="Addresses"/> are already resolved and checked by the caller when given (no second lookup, no rebinding).</summary>
public sealed record ProbeTarget(string Host, int Port, ConnectionSecurity Security, IReadOnlyList<IPAddress>? Addresses = null);

/// <summary>One probe: the account and its password (held only for the probe), and the envelope to try.</summary>
public sealed record ProbeRequest(ProbeTarget Target, string UserName, string Password, string Sender, string Recipient)
{
    // The password must never reach a log line through a record's generated ToString.
    public override string ToString() => $"ProbeRequest {{ Target = {Target}, UserName = {UserName}, Sender = {Sender}, Recipient = {Recipient} }}";
}
