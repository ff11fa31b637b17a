using System.Globalization;
using Portal.Core.Mail;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Portal.Core.Configuration;

namespace Portal.Core.Probe;

/// <summary>
/// One live check of a submission server with a member's account: resolve, connect, greeting, EHLO, TLS, EHLO again,
/// AUTH mechanisms, authenticate, MAIL FROM + RCPT TO + RSET (nothing is sent), QUIT. Every step is timed and has a
/// timeout, the whole probe a budget; failures are mapped by exception type and SMTP status, never by message text.
/// One engine for the web page, the CLI and the benchmarks.
/// </summary>
public sealed class SubmissionProbe(ProbeSettings settings, TimeProvider time, HostResolver? resolver = null)
{
    private readonly HostResolver _resolve = resolver ?? ((host, ct) => Dns.GetHostAddressesAsync(host, ct));

    private static readonly TimeSpan ExpiryWarning = TimeSpan.FromDays(14);

    // Far more than any real server's replies to a probe; less than a hostile one could send in the budget.
    private const long MaxServerBytes = 256 * 1024;

    public async Task<ProbeReport> RunAsync(ProbeRequest request, IProgress<ProbeStep>? progress, CancellationToken cancellationToken)
    {
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(settings.Budget);
        var report = await new Run(request, settings, progress, time, _resolve).ExecuteAsync(budget.Token);
        // The budget running out is a result; the caller giving up is not.
        cancellationToken.ThrowIfCancellationRequested();
        return report;
    }

    /// <summary>The state of one probe as it goes: steps taken so far, the clock and the transcript.</summary>
    private sealed class Run(ProbeRequest request, ProbeSettings settings, IProgress<ProbeStep>? progress, TimeProvider time, HostResolver resolve)
    {
        private readonly List<ProbeStep> _steps = [];
        private readonly HashSet<string> _shownLive = [];
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private long _mark;
        private ProbeTranscript _transcript = null!;

        private ProbeTarget Target => request.Target;

        public async Task<ProbeReport> ExecuteAsync(CancellationToken budget)
        {
            _transcript = new ProbeTranscript(_clock, Live, request.UserName, request.Password);
            var addresses = await ResolveAsync(budget);
            if (addresses is null) return Finish(Diagnosis.DnsFailed);

            var socket = await ConnectAsync(addresses, budget);
            if (socket.Diagnosis is not null) return Finish(socket.Diagnosis);

            var certificates = new CertificateCheck(settings.ExtraTrust, settings.AcceptAnyCertificate);
            using var client = new ProbeClient(_transcript)
            {
                Timeout = (int)settings.StepTimeout.TotalMilliseconds,
                LocalDomain = "probe.localhost",
                CheckCertificateRevocation = false,
                ServerCertificateValidationCallback = certificates.Validate,
            };

            var session = await SessionAsync(client, socket.Socket!, certificates, budget);
            if (session is not null) return Finish(session);

            var authenticated = await AuthenticateAsync(client, budget);
            if (authenticated is not null) return await LeaveAsync(client, authenticated, budget);

            var sender = await SenderAsync(client, budget);
            if (sender is not null) return await LeaveAsync(client, sender, budget);

            await QuitAsync(client, budget);
            var warned = _steps.Any(s => s.Status == ProbeStatus.Warn);
            return Finish(Diagnosis.Ok, warned ? ProbeVerdict.Warn : ProbeVerdict.Pass);
        }

        private async Task<IReadOnlyList<IPAddress>?> ResolveAsync(CancellationToken budget)
        {
            if (Target.Addresses is { Count: > 0 } given)
            {
                Step(ProbeSteps.Resolve, ProbeStatus.Pass, string.Join(", ", given));
                return given;
            }

            if (IPAddress.TryParse(Target.Host, out var literal))
            {
                Say(ProbeSteps.Resolve, ProbeStatus.Pass, "no-lookup", literal.ToString());
                return [literal];
            }

            try
            {
                using var step = StepTimeout(budget);
                var found = await resolve(HostNames.Ascii(Target.Host), step.Token);
                if (found.Length == 0) throw new SocketException((int)SocketError.HostNotFound);
                Step(ProbeSteps.Resolve, ProbeStatus.Pass, string.Join(", ", found.Select(a => a.ToString())));
                return found;
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException)
            {
                if (e is SocketException s) Say(ProbeSteps.Resolve, ProbeStatus.Fail, "lookup-failed", Target.Host, s.SocketErrorCode.ToString());
                else Say(ProbeSteps.Resolve, ProbeStatus.Fail, "lookup-timeout", Target.Host);
                return null;
            }
        }

        private async Task<(Socket? Socket, string? Diagnosis)> ConnectAsync(IReadOnlyList<IPAddress> addresses, CancellationToken budget)
        {
            var failures = new List<string>();
            var timedOut = false;
            foreach (var address in addresses)
            {
                // Default Nagle settings, as MailKit's own sockets: NoDelay made about one session in five wait ~45 ms on loopback.
                var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    using var step = StepTimeout(budget);
                    await socket.ConnectAsync(new IPEndPoint(address, Target.Port), step.Token);
                    Say(ProbeSteps.Connect, ProbeStatus.Pass, "connected", address.ToString(), Target.Port.ToString(CultureInfo.InvariantCulture));
                    return (socket, null);
                }
                catch (Exception e) when (e is SocketException or OperationCanceledException)
                {
                    socket.Dispose();
                    var error = e is SocketException s ? s.SocketErrorCode : SocketError.TimedOut;
                    timedOut |= error == SocketError.TimedOut;
                    failures.Add($"{address} port {Target.Port}: {(error == SocketError.ConnectionRefused ? "refused" : error == SocketError.TimedOut ? "no answer" : error.ToString())}");
                    if (budget.IsCancellationRequested) break;
                }
            }

            Step(ProbeSteps.Connect, ProbeStatus.Fail, string.Join("; ", failures));
            return (null, timedOut ? Diagnosis.ConnectTimeout : Diagnosis.ConnectRefused);
        }

        /// <summary>Greeting, EHLO, TLS and EHLO again: MailKit does these in one call; the transcript says how far it got.</summary>
        private async Task<string?> SessionAsync(ProbeClient client, Socket socket, CertificateCheck certificates, CancellationToken budget)
        {
            var options = Target.Security.ToSecureSocketOptions();

            try
            {
                await client.ConnectAsync(new CappedStream(new NetworkStream(socket, ownsSocket: true), MaxServerBytes), HostNames.Ascii(Target.Host), Target.Port, options, budget);
            }
            catch (Exception e) when (e is not OperationCanceledException || budget.IsCancellationRequested || e is TimeoutException)
            {
                socket.Dispose();
                return SessionFailed(e, certificates);
            }

            SessionSteps(client, certificates);
            return null;
        }

        private string SessionFailed(Exception e, CertificateCheck certificates)
        {
            var implicitTls = Target.Security == ConnectionSecurity.SslOnConnect;
            var greeted = _transcript.GreetingAt is not null;
            var last = _transcript.LastCommand;

            // TLS from the first byte: the handshake comes before any greeting.
            if (implicitTls && e is SslHandshakeException && !greeted)
            {
                if (certificates.Refusal is { } refusal) Say(ProbeSteps.Tls, ProbeStatus.Fail, "certificate-refused", refusal);
                else Say(ProbeSteps.Tls, ProbeStatus.Fail, "tls-failed");
                return certificates.Refusal is null ? Diagnosis.TlsFailed : Diagnosis.CertificateInvalid;
            }

            if (!greeted)
            {
                var timedOut = e is OperationCanceledException or TimeoutException or IOException { InnerException: SocketException { SocketErrorCode: SocketError.TimedOut } };
                if (timedOut) Say(ProbeSteps.Greeting, ProbeStatus.Fail, "no-greeting");
                else Say(ProbeSteps.Greeting, ProbeStatus.Fail, "closed-before-greeting", e.GetType().Name);
                return timedOut ? Diagnosis.GreetingTimeout : Diagnosis.ProtocolError;
            }

            switch (e)
            {
                // Any 4xx, at the greeting, EHLO or STARTTLS, is the server saying "not now" (RFC 5321 4.2.1).
                case SmtpCommandException temporary when ReplyCodes.IsTemporary((int)temporary.StatusCode):
                    StepsUpTo(last, ProbeStatus.Fail, $"{(int)temporary.StatusCode} {temporary.Message}");
                    return Diagnosis.ServerBusy;
                // A 421 then a hang-up: MailKit tries HELO after a refused EHLO and meets the closed connection.
                case not SmtpCommandException when _transcript.LastReplyCode is { } code && ReplyCodes.IsTemporary(code):
                    StepsUpTo(last, ProbeStatus.Fail, $"{code} the server said \"not now\" and closed the connection");
                    return Diagnosis.ServerBusy;
                case SmtpCommandException refused when last == "STARTTLS":
                    StepsUpTo("STARTTLS", ProbeStatus.Fail, $"{(int)refused.StatusCode} the server refused STARTTLS: {refused.Message}");
                    return Diagnosis.TlsFailed;
                case NotSupportedException when Target.Security == ConnectionSecurity.StartTls:
                    StepsUpTo("STARTTLS", ProbeStatus.Pass, "");
                    Say(ProbeSteps.Tls, ProbeStatus.Fail, "no-starttls");
                    return Diagnosis.TlsNotOffered;
                case SslHandshakeException:
                    StepsUpTo("STARTTLS", ProbeStatus.Pass, "");
                    if (certificates.Refusal is { } refusal) Say(ProbeSteps.Tls, ProbeStatus.Fail, "certificate-refused", refusal);
                else Say(ProbeSteps.Tls, ProbeStatus.Fail, "tls-failed");
                    return certificates.Refusal is null ? Diagnosis.TlsFailed : Diagnosis.CertificateInvalid;
                case OperationCanceledException or TimeoutException:
                    StepsUpTo(last, ProbeStatus.Fail, $"no answer to {last} in time");
                    return Diagnosis.ProtocolError;
                default:
                    StepsUpTo(last, ProbeStatus.Fail, $"unexpected answer ({e.GetType().Name}{(e is SmtpCommandException c ? $" {(int)c.StatusCode}" : "")})");
                    return Diagnosis.ProtocolError;
            }
        }

        /// <summary>Records the session steps that completed, from the transcript's timings, then the failing one.</summary>
        private void StepsUpTo(string? failedAt, ProbeStatus status, string detail)
        {
            var implicitTls = Target.Security == ConnectionSecurity.SslOnConnect;
            if (implicitTls) Say(ProbeSteps.Tls, ProbeStatus.Pass, "tls-first-byte");
            var failingStep = failedAt switch
            {
                null => ProbeSteps.Greeting,
                "EHLO" or "HELO" => _transcript.EhloCount > 1 ? ProbeSteps.EhloAgain : ProbeSteps.Ehlo,
                "STARTTLS" => ProbeSteps.Tls,
                _ => ProbeSteps.Ehlo,
            };

            foreach (var name in new[] { ProbeSteps.Greeting, ProbeSteps.Ehlo, ProbeSteps.Tls, ProbeSteps.EhloAgain })
            {
                if (name == ProbeSteps.Tls && implicitTls) continue;
                if (name == failingStep)
                {
                    if (detail.Length > 0 || status != ProbeStatus.Pass) Step(name, status, detail);
                    return;
                }

                Step(name, ProbeStatus.Pass, name == ProbeSteps.Greeting ? "220" : "250");
            }
        }

        /// <summary>The session steps, each timed from the moment the transcript saw it end.</summary>
        private void SessionSteps(ProbeClient client, CertificateCheck certificates)
        {
            var t = _transcript;
            var implicitTls = Target.Security == ConnectionSecurity.SslOnConnect;
            // With TLS from the first byte, the handshake ends when the greeting can be read.
            if (implicitTls) Say(ProbeSteps.Tls, TlsStatus(client, certificates), "tls-first-byte-with", [TlsDetail(client, certificates)], t.GreetingAt);
            Step(ProbeSteps.Greeting, ProbeStatus.Pass, "220", t.GreetingAt);
            Step(ProbeSteps.Ehlo, ProbeStatus.Pass, implicitTls || Target.Security == ConnectionSecurity.None ? Capabilities(client) : "250", t.Answered.GetValueOrDefault("EHLO#1"));
            if (Target.Security == ConnectionSecurity.StartTls)
            {
                // The handshake has ended when the client speaks again (its second EHLO).
                Step(ProbeSteps.Tls, TlsStatus(client, certificates), $"STARTTLS: {TlsDetail(client, certificates)}", t.Sent.GetValueOrDefault("EHLO#2"));
                Step(ProbeSteps.EhloAgain, ProbeStatus.Pass, Capabilities(client), t.Answered.GetValueOrDefault("EHLO#2"));
            }
            else if (Target.Security == ConnectionSecurity.None)
            {
                Say(ProbeSteps.Tls, ProbeStatus.Skipped, "no-encryption");
            }
        }

        private ProbeStatus TlsStatus(ProbeClient client, CertificateCheck certificates)
        {
            if (certificates.AcceptedWithoutChecking) return ProbeStatus.Warn;
            var seen = certificates.Seen;
            return seen is not null && seen.NotAfter.ToUniversalTime() - time.GetUtcNow().UtcDateTime < ExpiryWarning ? ProbeStatus.Warn : ProbeStatus.Pass;
        }

        private static string TlsDetail(ProbeClient client, CertificateCheck certificates)
        {
            var seen = certificates.Seen;
            var certificate = seen is null ? "" : $", certificate for {seen.Name} valid until {seen.NotAfter.ToUniversalTime():yyyy-MM-dd}";
            var unchecked_ = certificates.AcceptedWithoutChecking ? " (NOT CHECKED: development option)" : "";
            return $"{client.SslProtocol}, {client.SslCipherSuite}{certificate}{unchecked_}";
        }

        private static string Capabilities(ProbeClient client) =>
            $"250: {client.Capabilities}{(client.AuthenticationMechanisms.Count > 0 ? $", AUTH {string.Join(' ', client.AuthenticationMechanisms)}" : "")}";

        private async Task<string?> AuthenticateAsync(ProbeClient client, CancellationToken budget)
        {
            if (client.AuthenticationMechanisms.Count == 0 || !client.Capabilities.HasFlag(SmtpCapabilities.Authentication))
            {
                Say(ProbeSteps.AuthMechanisms, ProbeStatus.Fail, "no-auth");
                return Diagnosis.AuthNotOffered;
            }

            var offered = string.Join(' ', client.AuthenticationMechanisms);
            // OAuth needs a token, not the password a member's program sends: those mechanisms cannot be tried.
            client.AuthenticationMechanisms.Remove("XOAUTH2");
            client.AuthenticationMechanisms.Remove("OAUTHBEARER");
            if (client.AuthenticationMechanisms.Count == 0)
            {
                Say(ProbeSteps.AuthMechanisms, ProbeStatus.Fail, "no-password-mechanism", offered);
                return Diagnosis.AuthNotOffered;
            }

            if (SignInMechanism.For(client.AuthenticationMechanisms, request.UserName, request.Password) is not { } mechanism)
            {
                Say(ProbeSteps.AuthMechanisms, ProbeStatus.Fail, "no-usable-mechanism", offered);
                return Diagnosis.AuthNotOffered;
            }

            Step(ProbeSteps.AuthMechanisms, ProbeStatus.Pass, offered);
            try
            {
                try
                {
                    await client.AuthenticateAsync(mechanism, budget);
                }
                finally
                {
                    // Passed, refused or broken off: from here on, what the client sends carries no credential.
                    _transcript.AuthenticationEnded();
                }

                Say(ProbeSteps.Authenticate, ProbeStatus.Pass, "signed-in", request.UserName);
                return null;
            }
            catch (AuthenticationException)
            {
                // The status of the server's final reply decides, not its words.
                var code = _transcript.LastAuthReply ?? 535;
                if (code == 535) Say(ProbeSteps.Authenticate, ProbeStatus.Fail, "wrong-password", request.UserName);
                else Say(ProbeSteps.Authenticate, ProbeStatus.Fail, ReplyCodes.IsTemporary(code) ? "sign-in-refused-for-now" : "sign-in-refused", code.ToString(CultureInfo.InvariantCulture));
                return ReplyCodes.AtAuth(code);
            }
            catch (SmtpCommandException e)
            {
                Step(ProbeSteps.Authenticate, ProbeStatus.Fail, $"{(int)e.StatusCode} {e.Message}");
                return ReplyCodes.AtAuth((int)e.StatusCode);
            }
            catch (Exception e) when (MailConnection.IsBroken(e))
            {
                Say(ProbeSteps.Authenticate, ProbeStatus.Fail, "stopped-answering", e.GetType().Name);
                return Diagnosis.ProtocolError;
            }
        }

        private async Task<string?> SenderAsync(ProbeClient client, CancellationToken budget)
        {
            try
            {
                var from = await client.CommandAsync($"MAIL FROM:<{request.Sender}>", budget);
                if (!IsSuccess(from))
                {
                    Step(ProbeSteps.Sender, ProbeStatus.Fail, $"MAIL FROM <{request.Sender}>: {(int)from.StatusCode} {from.Response}");
                    return Rejected(from);
                }

                var to = await client.CommandAsync($"RCPT TO:<{request.Recipient}>", budget);
                await client.CommandAsync("RSET", budget);
                if (!IsSuccess(to))
                {
                    Step(ProbeSteps.Sender, ProbeStatus.Fail, $"RCPT TO <{request.Recipient}>: {(int)to.StatusCode} {to.Response}");
                    return Rejected(to);
                }

                Say(ProbeSteps.Sender, ProbeStatus.Pass, "may-send", request.Sender);
                return null;
            }
            catch (SmtpCommandException e)
            {
                Step(ProbeSteps.Sender, ProbeStatus.Fail, $"{(int)e.StatusCode} {e.Message}");
                return ReplyCodes.AtEnvelope((int)e.StatusCode);
            }
            catch (Exception e) when (MailConnection.IsBroken(e))
            {
                Say(ProbeSteps.Sender, ProbeStatus.Fail, "stopped-answering", e.GetType().Name);
                return Diagnosis.ProtocolError;
            }
        }

        private static bool IsSuccess(SmtpResponse response) => (int)response.StatusCode is >= 200 and < 300;

        private static string Rejected(SmtpResponse response) => ReplyCodes.AtEnvelope((int)response.StatusCode);

        private async Task QuitAsync(ProbeClient client, CancellationToken budget)
        {
            try
            {
                // QUIT gets at most one step's time, within the budget: the verdict is already known.
                using var quit = StepTimeout(budget);
                await client.DisconnectAsync(true, quit.Token);
                Step(ProbeSteps.Quit, ProbeStatus.Pass, "221");
            }
            catch (Exception e) when (MailConnection.IsBroken(e))
            {
                Say(ProbeSteps.Quit, ProbeStatus.Warn, "no-quit-answer");
            }
        }

        /// <summary>
        /// After a refusal the probe still says QUIT, as a mail program does, so that the server logs a finished session
        /// rather than a client lost after AUTH (what some ban rules look for). Not a step: the verdict is already known,
        /// and a server that does not answer gets a second at most.
        /// </summary>
        private async Task<ProbeReport> LeaveAsync(ProbeClient client, string diagnosis, CancellationToken budget)
        {
            if (client.IsConnected)
            {
                using var quit = CancellationTokenSource.CreateLinkedTokenSource(budget);
                quit.CancelAfter(TimeSpan.FromSeconds(1));
                try
                {
                    await client.DisconnectAsync(true, quit.Token);
                }
                catch (Exception e) when (MailConnection.IsTrouble(e) || e is OperationCanceledException)
                {
                    // Gone or silent: nothing more to say to it.
                }
            }

            return Finish(diagnosis);
        }

        private CancellationTokenSource StepTimeout(CancellationToken budget)
        {
            var step = CancellationTokenSource.CreateLinkedTokenSource(budget);
            step.CancelAfter(settings.StepTimeout);
            return step;
        }

        /// <summary>Records a step that ended now, or at <paramref name="endedAt"/> (ms since the start) when known.</summary>
        private void Step(string name, ProbeStatus status, string detail, long? endedAt = null) =>
            Record(ms => new ProbeStep(name, status, ms, detail), endedAt);

        /// <summary>A step whose detail is said in words (see <see cref="StepDetails"/>), so the result reads in the member's language.</summary>
        private void Say(string name, ProbeStatus status, string key, params string[] values) => Record(ms => ProbeStep.Said(name, status, ms, key, values), null);

        private void Say(string name, ProbeStatus status, string key, string[] values, long? endedAt) => Record(ms => ProbeStep.Said(name, status, ms, key, values), endedAt);

        private void Record(Func<long, ProbeStep> make, long? endedAt)
        {
            var now = endedAt is > 0 && endedAt >= _mark ? endedAt.Value : _clock.ElapsedMilliseconds;
            var step = make(now - _mark);
            var name = step.Name;
            var status = step.Status;
            _mark = now;
            _steps.Add(step);
            // A step already shown live is not shown twice; the report keeps this, fuller, record of it.
            if (_shownLive.Remove(name) && status == ProbeStatus.Pass) return;
            progress?.Report(step);
        }

        /// <summary>
        /// MailKit connects, greets, says EHLO and starts TLS in one call: the transcript tells as each stage answers,
        /// so a member watching sees those steps as they happen, not all at once at the end.
        /// </summary>
        private void Live(string answered)
        {
            if (progress is null || _transcript.LastReplyFailed) return;
            var implicitTls = Target.Security == ConnectionSecurity.SslOnConnect;
            switch (answered)
            {
                case "greeting":
                    // With TLS from the first byte, a readable greeting means the handshake is done.
                    if (implicitTls) ShowLive(ProbeSteps.Tls, "TLS from the first byte");
                    ShowLive(ProbeSteps.Greeting, "220");
                    break;
                case "EHLO#1":
                    ShowLive(ProbeSteps.Ehlo, "250");
                    break;
                case "EHLO#2" when Target.Security == ConnectionSecurity.StartTls:
                    // The second EHLO goes out only once the STARTTLS handshake has succeeded.
                    ShowLive(ProbeSteps.Tls, "STARTTLS");
                    ShowLive(ProbeSteps.EhloAgain, "250");
                    break;
            }
        }

        private void ShowLive(string name, string detail)
        {
            if (!_shownLive.Add(name)) return;
            progress!.Report(new ProbeStep(name, ProbeStatus.Pass, _clock.ElapsedMilliseconds - _mark, detail));
        }

        private ProbeReport Finish(string diagnosis, ProbeVerdict? verdict = null)
        {
            // Steps never reached are listed as skipped, so every report has the same shape.
            foreach (var name in ProbeSteps.All.Where(n => _steps.All(s => s.Name != n)))
            {
                var step = new ProbeStep(name, ProbeStatus.Skipped, 0, "");
                _steps.Add(step);
                progress?.Report(step);
            }

            var ordered = _steps.OrderBy(s => ProbeSteps.All.ToList().IndexOf(s.Name)).ToList();
            return new ProbeReport(verdict ?? ProbeVerdict.Fail, diagnosis, ordered, _transcript.ToString());
        }
    }

    /// <summary>MailKit's client with the raw commands the sender check needs (MAIL FROM, RCPT TO, RSET).</summary>
    private sealed class ProbeClient(IProtocolLogger logger) : SmtpClient(logger)
    {
        public Task<SmtpResponse> CommandAsync(string command, CancellationToken cancellationToken) => SendCommandAsync(command, cancellationToken);
    }
}

/// <summary>Looks a host name up (DNS by default).</summary>
public delegate Task<IPAddress[]> HostResolver(string host, CancellationToken cancellationToken);

/// <summary>The probe's settings resolved once at start-up: timeouts and the extra certificates to trust.</summary>
public sealed record ProbeSettings(TimeSpan Budget, TimeSpan StepTimeout, X509Certificate2Collection ExtraTrust, bool AcceptAnyCertificate);
