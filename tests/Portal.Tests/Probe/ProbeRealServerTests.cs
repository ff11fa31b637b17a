using System.Text.RegularExpressions;
using Portal.Core.Configuration;
using Portal.Core.Probe;
using Portal.Tests.Evidence;
using Xunit.Abstractions;

namespace Portal.Tests.Probe;

/// <summary>
/// The probe against Debian's Postfix with Dovecot's SASL (<see cref="PrivateMailServers"/>, on loopback), as the ISP's
/// submission server sees it: what Postfix counts of each probe in its own log. A private pair: its log must hold this
/// test's sessions only.
/// </summary>
public sealed class ProbeRealServerTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_wrong_password_is_one_failed_sign_in_ended_by_QUIT_and_a_right_one_passes()
    {
        await using var servers = new PrivateMailServers(output.WriteLine);
        await servers.StartAsync();
        var probe = new SubmissionProbe(new ProbeSettings(TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(8), [servers.Certificate], AcceptAnyCertificate: false),
            TimeProvider.System);
        ProbeRequest Request(string password) =>
            new(new ProbeTarget(servers.Host, servers.SubmissionPort, ConnectionSecurity.StartTls), servers.MemberUser, password, servers.MemberAddress, servers.CheckAddress);

        var wrong = await probe.RunAsync(Request("not the password"), null, CancellationToken.None);
        var right = await probe.RunAsync(Request(servers.MemberPassword), null, CancellationToken.None);

        Assert.Equal((ProbeVerdict.Fail, Diagnosis.AuthFailed), (wrong.Verdict, wrong.Diagnosis));
        Assert.Equal((ProbeVerdict.Pass, Diagnosis.Ok), (right.Verdict, right.Diagnosis));
        // Postfix ends each session with what it was sent: "auth=0/1" is one AUTH, refused; "auth=1" one, accepted; and
        // each ended with QUIT, not a connection lost after AUTH.
        var sessions = new List<string>();
        await EvidenceBench.EventuallyAsync(async () =>
        {
            var log = await File.ReadAllTextAsync(servers.PostfixLogFile);
            // (The servers' own start-up check connects and says nothing: no "ehlo=".)
            sessions = Regex.Matches(log, @"postfix/submission/smtpd\[\d+\]: disconnect from .* ehlo=.*").Select(m => m.Value).ToList();
            return sessions.Count >= 2;
        }, "Postfix logs the end of both sessions");
        output.WriteLine(string.Join('\n', sessions));
        Assert.Contains(" auth=0/1 quit=1 ", sessions[0], StringComparison.Ordinal);
        Assert.Contains(" auth=1 mail=1 rcpt=1 rset=1 quit=1 ", sessions[1], StringComparison.Ordinal);
        // (The servers' start-up check leaves a "lost connection after CONNECT".)
        Assert.DoesNotContain("lost connection after AUTH", await File.ReadAllTextAsync(servers.PostfixLogFile), StringComparison.Ordinal);
        var failures = Regex.Matches(await File.ReadAllTextAsync(servers.PostfixLogFile), "SASL (\\S+) authentication failed").Select(m => m.Groups[1].Value);
        Assert.Equal(["PLAIN"], failures);
    }
}
