using Portal.Web.Pages.Probe;
using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Portal.Core.DemoSubmission;
using Portal.Core.Probe;

namespace Portal.Benchmarks;

/// <summary>
/// Prints how long "Test my settings" takes next to a bare MailKit session against the same server (the demo server,
/// then Postfix + Dovecot), and what a crowd of simultaneous probes gets. Figures only: nothing here fails the process when a target is missed.
/// (Not a top-level program: that would declare a second global Program next to the portal's.)
/// </summary>
internal static class BenchmarkMain
{
    private const double TargetRatio = 1.3;

    // Far above anything this run does: the limits are correct behaviour, but here they would turn probes into "try later".
    private const string RaisedLimit = "1000000";

    public static async Task<int> Main(string[] args)
    {
        if (args.FirstOrDefault() == OutboxBenchmark.Flag) return await OutboxBenchmark.RunAsync(args[1..]);
        if (args.FirstOrDefault() == CheckMailBenchmark.Flag) return await CheckMailBenchmark.RunAsync(args[1..]);
        if (args.FirstOrDefault() == AutoSetupBenchmark.Flag) return await AutoSetupBenchmark.RunAsync(args[1..]);
        if (args.FirstOrDefault() == PagesBenchmark.Flag) return await PagesBenchmark.RunAsync(args[1..]);
        if (args.FirstOrDefault() == MillionBenchmark.Flag) return await MillionBenchmark.RunAsync(args[1..]);
        if (args.FirstOrDefault() == EvidenceBenchmark.Flag) return await EvidenceBenchmark.RunAsync(args[1..]);
        if (args.FirstOrDefault() == CliBenchmark.Flag) return await CliBenchmark.RunAsync(args[1..]);
        if (!BenchOptions.TryParse(args, out var options))
        {
            Console.Error.WriteLine(BenchOptions.Usage);
            return 2;
        }

        // Bounded whatever happens: the run stops by itself.
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        var ct = deadline.Token;
        var total = Stopwatch.StartNew();

        PrintMachine("\"Test my settings\" (SMTP submission probe)");
        var queueWait = options.QueueWaitSeconds.ToString(CultureInfo.InvariantCulture);
        await using var portal = BenchPortal.Start(new Dictionary<string, string?>
        {
            ["Submission:Limits:PerAccount"] = RaisedLimit,
            ["Submission:Limits:PerClientIp"] = RaisedLimit,
            ["Submission:Limits:QueueWaitSeconds"] = queueWait,
        });
        var limits = portal.Services.GetRequiredService<IOptions<ProbeOptions>>().Value.Limits;
        var demo = new DemoSubmissionOptions();

        Line($"Portal: in this process on Kestrel at {portal.Address}, Production environment, demo mode, SQLite, logging at Error level.");
        Line($"Demo submission server: 127.0.0.1:{portal.DemoPort} (STARTTLS), account {demo.AccountAddress}; clients trust exactly its self-signed certificate.");
        Line($"Throttles raised for this run so they do not interfere: Submission:Limits:PerAccount = {limits.PerAccount}, "
            + $"Submission:Limits:PerClientIp = {limits.PerClientIp} (defaults 5 per 15 min and 20 per 60 min).");
        Line("Everything (portal, demo server, clients) shares this process and its cores: the figures include that contention.");
        Line();

        await SequentialAsync(portal, new Server("the demo server", "127.0.0.1", portal.DemoPort, portal.DemoCertificate, demo.AccountAddress, demo.AccountPassword),
            "1)", options, ct);
        await ConcurrentAsync(portal, demo, options, limits, ct);
        await AgainstPostfixAsync(options, ct);

        Line();
        Line($"Total run time {total.Elapsed.TotalSeconds:0.0} s.");
        return 0;
    }

    /// <summary>The submission server a section probes, and the account it signs in with.</summary>
    private sealed record Server(string Name, string Host, int Port, X509Certificate2 Certificate, string Account, string Password);

    /// <summary>
    /// 3: section 1 again against the kind of server an ISP runs, Postfix with Dovecot's SASL (the integration tests'
    /// private pair on loopback), through a second portal configured for it as an ISP would configure it (demo mode off).
    /// In-process, the demo server's SMTP work is short and shares the portal's cores, so the portal's own part weighs
    /// more there than against a real server.
    /// </summary>
    private static async Task AgainstPostfixAsync(BenchOptions options, CancellationToken ct)
    {
        Line();
        Line("3) Section 1 against Postfix + Dovecot (Debian's packages, started privately on 127.0.0.1), through a portal configured for");
        Line("   them as for an ISP's server (Isp:Submission, Submission:TrustedCertificateFile; demo mode off).");
        await using var servers = await BenchMailServers.StartAsync();
        if (servers is null) return;
        await using var portal = BenchPortal.Start(new Dictionary<string, string?>(BenchMailServers.AsIspServer(servers))
        {
            ["Submission:Limits:PerAccount"] = RaisedLimit,
            ["Submission:Limits:PerClientIp"] = RaisedLimit,
        });
        await SequentialAsync(portal, new Server("Postfix + Dovecot", servers.Host, servers.SubmissionPort, servers.Certificate, servers.MemberUser, servers.MemberPassword),
            "3)", options, ct);
    }

    /// <summary>1 (and 3): the same check done bare, by the engine alone and through the portal, one at a time, interleaved.</summary>
    private static async Task SequentialAsync(BenchPortal portal, Server server, string section, BenchOptions options, CancellationToken ct)
    {
        Line($"{section} One at a time against {server.Name}: {options.Warmup} warm-up + {options.Iterations} measured iterations of each, interleaved");
        Line("   (the order rotates every iteration), so all see the same machine, the same JIT state and the same server.");
        Line("   bare MailKit: new connection, STARTTLS, AUTH PLAIN, MAIL FROM, RCPT TO, RSET, QUIT: the probe's SMTP work, no more.");
        Line("   probe engine: SubmissionProbe in-process (no HTTP, no database): the same SMTP work, every step timed, a");
        Line("                 transcript kept.");
        Line("   HTTP probe:   POST /test/run with antiforgery token and cookie on a kept-alive connection, NDJSON read to the end:");
        Line("                 the engine plus the throttle and result rows in SQLite and one flushed line per step.");
        Line("   HTTP floor:   the same POST with no password, answered at once with a \"problem\" line: the HTTP, antiforgery and");
        Line("                 streaming part alone, no SMTP and no database (not in the ratio: it shows what HTTP costs by itself).");

        // The same recipient the probe names (Submission:Recipient, else postmaster at the mail domain).
        var recipient = portal.Services.GetRequiredService<IspAccountProbe>().Request(server.Account, server.Password).Recipient;
        var bare = new BareSubmission(server.Host, server.Port, server.Certificate, server.Account, server.Password, recipient);
        var engine = new ProbeEngine(portal.Services, server.Account, server.Password);
        using var browser = await PortalBrowser.OpenAsync(portal.Address, BusyText(portal), ct);
        var bareMs = new List<double>();
        var engineMs = new List<double>();
        var httpMs = new List<double>();
        var stepsMs = new List<double>();
        var notPassed = new List<string>();
        var floorMs = new List<double>();

        // Each contestant records its own figure once the warm-up is over.
        var measuring = false;
        var contestants = new Func<Task>[]
        {
            async () =>
            {
                var ms = await bare.RunOnceAsync(ct);
                if (measuring) bareMs.Add(ms);
            },
            async () =>
            {
                // A probe that did not pass measured something else (an error path): it is counted, never timed.
                if (await engine.RunOnceAsync(ct) is { } ms)
                {
                    if (measuring) engineMs.Add(ms);
                }
                else notPassed.Add("engine: verdict fail");
            },
            async () =>
            {
                var run = await browser.ProbeAsync(server.Account, server.Password, ct);
                if (!run.Passed) notPassed.Add($"HTTP: {run.End} {run.Detail}");
                else if (measuring)
                {
                    httpMs.Add(run.Ms);
                    stepsMs.Add(run.StepsMs);
                }
            },
            async () =>
            {
                var run = await browser.ProbeAsync(server.Account, "", ct);
                if (run.End != RunEnd.Problem) notPassed.Add($"HTTP floor: {run.End} {run.Detail}");
                else if (measuring) floorMs.Add(run.Ms);
            },
        };

        for (var i = 0; i < options.Warmup + options.Iterations; i++)
        {
            measuring = i >= options.Warmup;
            for (var k = 0; k < contestants.Length; k++) await contestants[(i + k) % contestants.Length]();
        }

        var bareFigures = Figures.Of(bareMs);
        var httpFigures = Figures.Of(httpMs);
        Line();
        Line(Figures.Header(""));
        Line(bareFigures.Row("bare MailKit"));
        Line(Figures.Of(engineMs).Row("probe engine alone"));
        Line(httpFigures.Row("HTTP probe (POST /test/run)"));
        Line(Figures.Of(stepsMs).Row("  its steps, as the probe reports"));
        Line("  (\"its steps\": the sum of the whole-millisecond step times in the NDJSON; the rest is HTTP, SQLite and streaming.)");
        Line(Figures.Of(floorMs).Row("HTTP floor (no SMTP, no database)"));
        if (notPassed.Count > 0)
            Line($"  {notPassed.Count} probe(s) did not pass and are left out of the timings: {string.Join("; ", notPassed.Distinct().Take(5))}");

        var ratio = httpFigures.Median / bareFigures.Median;
        Line();
        Line($"  ratio median(HTTP probe) / median(bare MailKit) = {ratio:0.00}x   (target: <= {TargetRatio:0.0}x)   "
            + (ratio <= TargetRatio ? "target met" : "target NOT met"));
        Line($"  the target leaves {TargetRatio * bareFigures.Median - Figures.Of(engineMs).Median:0.00} ms beyond the engine alone for HTTP, the database and streaming;"
            + $" the HTTP floor alone is {Figures.Of(floorMs).Median:0.00} ms.");
        Line();
    }

    /// <summary>4: a crowd of simultaneous probes against the node's cap on outbound probe connections.</summary>
    private static async Task ConcurrentAsync(BenchPortal portal, DemoSubmissionOptions demo, BenchOptions options, ProbeLimits limits, CancellationToken ct)
    {
        Line($"2) Concurrency: {options.Burst} simultaneous POST /test/run, Submission:Limits:MaxConcurrent = {limits.MaxConcurrent} "
            + $"(default 16), Submission:Limits:QueueWaitSeconds = {limits.QueueWaitSeconds} (default 5).");

        // The peak must describe this crowd only, not a session left over from the sequential part.
        while (portal.Sessions.Open > 0) await Task.Delay(10, ct);
        portal.Sessions.ResetPeak();

        using var crowd = await PortalBrowser.OpenAsync(portal.Address, BusyText(portal), ct);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var requests = Enumerable.Range(0, options.Burst).Select(async _ =>
        {
            await gate.Task;
            return await crowd.ProbeAsync(demo.AccountAddress, demo.AccountPassword, ct);
        }).ToArray();

        var clock = Stopwatch.StartNew();
        gate.SetResult();
        var runs = await Task.WhenAll(requests);
        var wall = clock.Elapsed;
        var peak = portal.Sessions.Peak;

        var completed = runs.Where(r => r.Passed).ToList();
        var busy = runs.Where(r => r.End == RunEnd.Busy).ToList();
        var failed = runs.Where(r => !r.Passed && r.End != RunEnd.Busy).ToList();
        Line();
        Line($"  completed {completed.Count} (verdict pass), busy {busy.Count} (\"problem\" line with the busy message), failed {failed.Count}, "
            + $"in {wall.TotalSeconds:0.00} s");
        foreach (var group in failed.GroupBy(r => $"{r.End} {r.Detail}").OrderByDescending(g => g.Count()))
            Line($"    failed: {group.Count()} x {group.Key}");
        Line(Figures.Header(""));
        Line(Figures.Of(completed.Select(r => r.Ms).ToList()).Row("completed, request to end of stream"));
        Line(Figures.Of(busy.Select(r => r.Ms).ToList()).Row("busy, request to end of stream"));
        Line();
        Line($"  most simultaneous SMTP sessions the demo server saw: {peak} (cap {limits.MaxConcurrent})   "
            + (peak <= limits.MaxConcurrent ? "within the cap" : "ABOVE the cap"));
    }

    /// <summary>The busy message exactly as the portal words it in English (the requests ask for ?culture=en).</summary>
    private static string BusyText(BenchPortal portal)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
        try
        {
            return portal.Services.GetRequiredService<ProbeMessages>().For(new ProbeOutcome.Busy()).Text;
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    /// <summary>The title, the date and the machine, so that figures are never read without them.</summary>
    internal static void PrintMachine(string title)
    {
        Line($"Portal benchmarks: {title}");
        Line($"Date: {DateTimeOffset.Now:yyyy-MM-dd HH:mm:ss zzz}");
        Line($"Machine: {Environment.ProcessorCount} cores{CpuModel()}, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, "
            + $"{(GCSettings.IsServerGC ? "server" : "workstation")} GC, {Build}");
        if (Build != "Release build") Line("WARNING: not a Release build; run with -c Release for figures worth comparing.");
        if (LoadAverage() is { } load)
        {
            // Other work on the machine (a test run, a build) moves every figure: say so next to them.
            Line($"Load average (1 min) at start: {load.ToString("0.00", CultureInfo.InvariantCulture)}"
                + (load > Environment.ProcessorCount / 2.0 ? " -- the machine is busy with other work; expect noisy figures." : ""));
        }
    }

    private static double? LoadAverage()
    {
        const string loadAverage = "/proc/loadavg";
        if (!File.Exists(loadAverage)) return null;
        var first = File.ReadAllText(loadAverage).Split(' ')[0];
        return double.TryParse(first, NumberStyles.Float, CultureInfo.InvariantCulture, out var load) ? load : null;
    }

    private static string Build =>
#if DEBUG
        "Debug build";
#else
        "Release build";
#endif

    private static string CpuModel()
    {
        // Linux only, and only to label the figures: no model is fine.
        const string cpuInfo = "/proc/cpuinfo";
        if (!File.Exists(cpuInfo)) return "";
        var model = File.ReadLines(cpuInfo).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim();
        return model is null ? "" : $" ({model})";
    }

    private static void Line(string text = "") => Console.WriteLine(text);
}

/// <summary>Command-line settings; the defaults take about a minute on 2 cores.</summary>
internal sealed record BenchOptions(int Iterations, int Warmup, int Burst, int QueueWaitSeconds)
{
    public const string Usage = "usage: dotnet run -c Release --project tests/Portal.Benchmarks [-- --iterations 200 --warmup 50 --burst 200 --queue-wait 1]"
                                + " (or -- --outbox [--messages 10000 --size 2048 --repetitions 3], -- --pages [--seconds 10], -- --cli [--iterations 30 --warmup 5 --portal DIR])";

    public static bool TryParse(string[] args, out BenchOptions options)
    {
        options = new BenchOptions(200, 50, 200, 1);
        for (var i = 0; i < args.Length; i += 2)
        {
            if (i + 1 >= args.Length || !int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value)) return false;
            switch (args[i])
            {
                case "--iterations" when value > 0: options = options with { Iterations = value }; break;
                case "--warmup": options = options with { Warmup = value }; break;
                case "--burst" when value > 0: options = options with { Burst = value }; break;
                case "--queue-wait": options = options with { QueueWaitSeconds = value }; break;
                default: return false;
            }
        }

        return true;
    }
}
