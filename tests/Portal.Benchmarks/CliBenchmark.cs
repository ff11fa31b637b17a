using System.Diagnostics;
using System.Globalization;
using Portal.Core.Configuration;
using Portal.TestServers;

namespace Portal.Benchmarks;

/// <summary>
/// The probe's command as operators run it, a new process each time: `portal probe` (the tool, ReadyToRun) and
/// `portal-probe` (the same command, Native AOT), next to swaks doing the same sign-in (`--quit-after AUTH`), all against
/// the benchmark's own Postfix + Dovecot on 127.0.0.1: whole-process times, interleaved, and the ratios of the medians
/// against the goal (at most swaks' time). Figures only: exits 0 whatever it measures.
/// </summary>
internal static class CliBenchmark
{
    public const string Flag = "--cli";

    private const double Goal = 1.0;
    private const string Swaks = "/usr/bin/swaks";
    private const string Usage = $"usage: {Flag} [--iterations N] [--warmup N] [--portal DIR]   (defaults 30 and 5; DIR: a folder where src/Portal.Cli and src/Portal.Probe were published)";

    public static async Task<int> RunAsync(string[] args)
    {
        var (iterations, warmup, published) = (30, 5, (string?)null);
        for (var i = 0; i < args.Length; i += 2)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            var number = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1;
            switch (args[i])
            {
                case "--iterations" when number > 0: iterations = number; break;
                case "--warmup" when number >= 0: warmup = number; break;
                case "--portal" when value is not null: published = Path.GetFullPath(value); break;
                default:
                    Console.Error.WriteLine(Usage);
                    return 2;
            }
        }

        if (!File.Exists(Swaks))
        {
            Console.Error.WriteLine($"{Swaks} is missing: apt-get install -y swaks");
            return 2;
        }

        // Bounded whatever happens: publishing, then about 0.5 s per process on 2 cores.
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(20));
        var ct = deadline.Token;
        BenchmarkMain.PrintMachine("`portal probe` and `portal-probe` next to swaks, whole process, against a private Postfix + Dovecot");

        using var publishFolder = new TempFolder();
        if (published is null)
        {
            published = publishFolder.Path;
            if (await PublishAsync(published, ct) is { } failure)
            {
                Console.WriteLine($"Publishing failed; nothing measured.\n{failure}");
                return 0;
            }
        }

        var (portal, native) = (Path.Combine(published, "portal"), Path.Combine(published, "portal-probe"));
        foreach (var program in new[] { portal, native })
        {
            if (File.Exists(program)) continue;
            Console.Error.WriteLine($"{program} does not exist: --portal names the folder where `dotnet publish src/Portal.Cli` and `dotnet publish src/Portal.Probe` wrote.");
            return 2;
        }

        await using var servers = await BenchMailServers.StartAsync();
        if (servers is null) return 0;

        var swaksVersion = (await RunAsync(Swaks, ["--version"], ct)).Output.Split('\n')[0].Trim();
        Console.WriteLine($"portal: {portal}");
        Console.WriteLine($"        {native}");
        Console.WriteLine($"swaks:  {swaksVersion}");
        Console.WriteLine($"Both sign in as {servers.MemberUser} at 127.0.0.1:{servers.SubmissionPort} (Postfix's submission listener, Dovecot's SASL),");
        Console.WriteLine("new process each time: connect, EHLO, STARTTLS verifying the servers' certificate (their own CA file), EHLO, AUTH;");
        Console.WriteLine("  portal probe, portal-probe: then MAIL FROM, RCPT TO, RSET (nothing sent), QUIT; the configuration from environment");
        Console.WriteLine("                variables, Production, the password on standard input;");
        Console.WriteLine("  swaks:        --quit-after AUTH, then QUIT.");
        Console.WriteLine($"{warmup} warm-up + {iterations} measured runs of each, interleaved (the order alternates), timed from start to exit.");
        Console.WriteLine();

        var probe = new ProcessStartInfo(portal, ["probe", "--user", servers.MemberUser, "--password-stdin"]);
        var nativeProbe = new ProcessStartInfo(native, ["--user", servers.MemberUser, "--password-stdin"]);
        foreach (var (key, value) in BenchMailServers.AsIspServer(servers).Append(new("ASPNETCORE_ENVIRONMENT", "Production")))
        {
            // As environment variables: Isp__MailDomain for Isp:MailDomain.
            var variable = key.Replace(":", "__", StringComparison.Ordinal);
            probe.Environment[variable] = nativeProbe.Environment[variable] = value;
        }

        probe.Environment.Remove("DOTNET_ENVIRONMENT");
        nativeProbe.Environment.Remove("DOTNET_ENVIRONMENT");
        var swaks = new ProcessStartInfo(Swaks,
        [
            "--server", servers.Host, "--port", servers.SubmissionPort.ToString(CultureInfo.InvariantCulture), "--tls", "--tls-verify",
            "--tls-ca-path", servers.CertificateFile, "--helo", "probe.localhost", "--from", servers.MemberAddress, "--to", servers.CheckAddress,
            "--auth-user", servers.MemberUser, "--auth-password", servers.MemberPassword, "--quit-after", "AUTH",
        ]);

        var contestants = new (string Name, ProcessStartInfo Start, string? Input, List<double> Ms)[]
        {
            ("portal probe (ReadyToRun)", probe, servers.MemberPassword, []),
            ("portal-probe (Native AOT)", nativeProbe, servers.MemberPassword, []),
            ("swaks --quit-after AUTH", swaks, null, []),
        };
        var failures = new List<string>();
        for (var i = 0; i < warmup + iterations; i++)
        {
            for (var k = 0; k < contestants.Length; k++)
            {
                var (name, start, input, times) = contestants[(i + k) % contestants.Length];
                var run = await RunAsync(start, input, ct);
                // A run that did not sign in measured something else: it is counted, never timed.
                if (run.Code != 0) failures.Add($"{name}: exit {run.Code}: {run.Output.Trim().Split('\n')[^1]}");
                else if (i >= warmup) times.Add(run.Ms);
            }
        }

        var figures = contestants.Select(c => Figures.Of(c.Ms)).ToArray();
        Console.WriteLine(Figures.Header("whole process"));
        for (var k = 0; k < contestants.Length; k++) Console.WriteLine(figures[k].Row(contestants[k].Name));
        if (failures.Count > 0)
            Console.WriteLine($"  {failures.Count} run(s) failed and are left out of the timings: {string.Join("; ", failures.Distinct().Take(5))}");

        Console.WriteLine();
        var swaksFigures = figures[^1];
        foreach (var (name, programFigures) in new[] { ("portal probe", figures[0]), ("portal-probe", figures[1]) })
        {
            var ratio = programFigures.Median / swaksFigures.Median;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  ratio median({name}) / median(swaks) = {ratio:0.000}x, p90s {programFigures.P90 / swaksFigures.P90:0.000}x   (goal: <= {Goal:0.0}x)   {(ratio <= Goal ? "goal met" : "goal NOT met")}"));
        }

        return 0;
    }

    /// <summary>The portal CLI and portal-probe published as README says operators should, into one folder, or what went wrong.</summary>
    private static async Task<string?> PublishAsync(string folder, CancellationToken ct)
    {
        var repository = new DirectoryInfo(AppContext.BaseDirectory);
        while (repository is not null && !File.Exists(Path.Combine(repository.FullName, PortalPaths.SolutionFile))) repository = repository.Parent;
        if (repository is null) return $"No {PortalPaths.SolutionFile} above {AppContext.BaseDirectory}: run the benchmark from a clone, or give --portal DIR.";

        string[][] publishes =
        [
            ["publish", Path.Combine(repository.FullName, "src", "Portal.Cli"), "-c", "Release", "-r", "linux-x64", "--self-contained", "false", "-p:PublishReadyToRun=true", "-o", folder],
            ["publish", Path.Combine(repository.FullName, "src", "Portal.Probe"), "-c", "Release", "-r", "linux-x64", "-o", folder],
        ];
        foreach (var arguments in publishes)
        {
            Console.WriteLine($"Publishing: dotnet {string.Join(' ', arguments)}");
            var clock = Stopwatch.StartNew();
            var publish = await RunAsync(new ProcessStartInfo("dotnet", arguments), null, ct);
            if (publish.Code != 0) return publish.Output;
            Console.WriteLine($"  published in {clock.Elapsed.TotalSeconds:0} s.");
        }

        return null;
    }

    private static Task<(double Ms, int Code, string Output)> RunAsync(string file, string[] arguments, CancellationToken ct) =>
        RunAsync(new ProcessStartInfo(file, arguments), null, ct);

    /// <summary>Runs a process to its end with <paramref name="input"/> as its only line of standard input: the time from start to exit, its exit code and what it printed.</summary>
    private static async Task<(double Ms, int Code, string Output)> RunAsync(ProcessStartInfo start, string? input, CancellationToken ct)
    {
        start.RedirectStandardInput = start.RedirectStandardOutput = start.RedirectStandardError = true;
        start.UseShellExecute = false;
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {start.FileName}.");
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var error = process.StandardError.ReadToEndAsync(ct);
        if (input is not null) await process.StandardInput.WriteLineAsync(input.AsMemory(), ct);
        process.StandardInput.Close();
        await process.WaitForExitAsync(ct);
        var ms = clock.Elapsed.TotalMilliseconds;
        return (ms, process.ExitCode, await output + await error);
    }
}
