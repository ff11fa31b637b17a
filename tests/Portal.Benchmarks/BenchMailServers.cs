using Portal.TestServers;

namespace Portal.Benchmarks;

/// <summary>The integration tests' private Postfix + Dovecot on loopback, started for a benchmark.</summary>
internal static class BenchMailServers
{
    /// <summary>
    /// The portal's settings (configuration keys) for these servers as the ISP's submission server, demo mode off: what
    /// an ISP would configure, with the servers' own CA file to trust.
    /// </summary>
    public static Dictionary<string, string?> AsIspServer(PrivateMailServers servers) => new()
    {
        ["Demo:Enabled"] = "false",
        ["Isp:MailDomain"] = servers.Domain,
        ["Isp:Submission:Host"] = servers.Host,
        ["Isp:Submission:Port"] = servers.SubmissionPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Isp:Submission:Security"] = "StartTls",
        ["Submission:TrustedCertificateFile"] = servers.CertificateFile,
        // postmaster@ is not a mailbox of the private servers: RCPT TO the check address, which is.
        ["Submission:Recipient"] = servers.CheckAddress,
    };

    /// <summary>The running servers, or null (and why, printed) where they cannot run here: the benchmark then measures nothing.</summary>
    public static async Task<PrivateMailServers?> StartAsync()
    {
        var servers = new PrivateMailServers(Console.WriteLine);
        try
        {
            await servers.StartAsync();
            return servers;
        }
        catch (InvalidOperationException e)
        {
            await servers.DisposeAsync();
            Console.WriteLine($"Postfix and Dovecot could not start here; nothing measured. ({e.Message.Split('\n')[0]})");
            return null;
        }
    }
}
