using Portal.TestServers;

namespace Portal.Benchmarks;

/// <summary>The integration tests' private Postfix + Dovecot on loopback, started for a benchmark.</summary>
internal static class BenchMailServers
{
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
