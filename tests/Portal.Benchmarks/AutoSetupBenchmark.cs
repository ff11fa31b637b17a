using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.AutoSetup;

namespace Portal.Benchmarks;

/// <summary>
/// One-click documents: what counting each request per client IP in the database (AutoSetup:RequestsPerClientIpPerMinute)
/// costs, next to the whole request it belongs to, measured interleaved in one run: the count alone in-process, then an
/// autoconfig document and an Apple profile fetched over HTTP (each of which includes one count).
/// </summary>
internal static class AutoSetupBenchmark
{
    public const string Flag = "--auto-setup";

    public static async Task<int> RunAsync(string[] args)
    {
        var iterations = 300;
        if (args.Length != 0 && !(args.Length == 2 && args[0] == "--iterations" && int.TryParse(args[1], CultureInfo.InvariantCulture, out iterations) && iterations > 0))
        {
            Console.Error.WriteLine($"usage: {Flag} [--iterations N]   (default 300)");
            return 2;
        }

        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        var ct = deadline.Token;
        BenchmarkMain.PrintMachine("One-click documents and their per-IP count");
        await using var portal = BenchPortal.Start(new Dictionary<string, string?> { ["AutoSetup:RequestsPerClientIpPerMinute"] = "1000000000" });
        var allowance = portal.Services.GetRequiredService<AutoSetupAllowance>();
        using var http = new HttpClient { BaseAddress = portal.Address };
        Console.WriteLine($"Portal on Kestrel at {portal.Address} (demo mode, SQLite, unsigned profiles); {iterations} measured iterations after 50 warm-up, interleaved.");
        Console.WriteLine("  count alone:  AutoSetupAllowance.TryTakeAsync in-process (one upsert of this IP's row for the minute).");
        Console.WriteLine("  autoconfig:   GET /mail/config-v1.1.xml?emailaddress=... on a kept-alive connection (includes one count).");
        Console.WriteLine("  profile:      GET /auto-setup/apple/profile?address=... (includes one count).");
        Console.WriteLine();

        var (count, autoconfig, profile) = (new List<double>(), new List<double>(), new List<double>());
        for (var i = -50; i < iterations; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await allowance.TryTakeAsync("192.0.2.1", ct);
            var countMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;

            started = Stopwatch.GetTimestamp();
            using (var response = await http.GetAsync("/mail/config-v1.1.xml?emailaddress=taro%40example.jp", ct)) response.EnsureSuccessStatusCode();
            var autoconfigMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;

            started = Stopwatch.GetTimestamp();
            using (var response = await http.GetAsync("/auto-setup/apple/profile?address=taro%40example.jp", ct)) response.EnsureSuccessStatusCode();
            var profileMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (i < 0) continue;
            count.Add(countMs);
            autoconfig.Add(autoconfigMs);
            profile.Add(profileMs);
        }

        var (c, a, p) = (Figures.Of(count), Figures.Of(autoconfig), Figures.Of(profile));
        Console.WriteLine(Figures.Header(""));
        Console.WriteLine(c.Row("count alone"));
        Console.WriteLine(a.Row("autoconfig over HTTP"));
        Console.WriteLine(p.Row("profile over HTTP"));
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"The count is {c.Median / a.Median:P0} of an autoconfig request and {c.Median / p.Median:P0} of a profile request (ratios of medians)."));
        return 0;
    }
}
