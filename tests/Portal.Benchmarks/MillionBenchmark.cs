using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Core;
using Portal.Core.Campaigns;
using Portal.Core.Data;
using Portal.Core.Guides;
using Portal.Core.MemberMail;
using Portal.Core.Members;

namespace Portal.Benchmarks;

/// <summary>
/// A million members in the embedded database: the members file imported (checked, then written), a campaign queued to
/// all of them (a message, a signed support link and a timeline event each) and the dashboard's figures counted, each
/// timed, with the process's peak memory during it. A tenth of the members first, in a database of its own, shows
/// whether memory grows with the file. Figures only: it exits 0 whatever it measures.
/// </summary>
internal static class MillionBenchmark
{
    public const string Flag = "--million";

    private const string Usage = "usage: dotnet run -c Release --project tests/Portal.Benchmarks -- --million [--members 1000000]";
    private const double ImportGoal = 30, QueueGoal = 60, DashboardGoal = 1;

    public static async Task<int> RunAsync(string[] args)
    {
        var members = 1_000_000;
        if (args.Length == 2 && args[0] == "--members" && int.TryParse(args[1], CultureInfo.InvariantCulture, out var n) && n >= 10) members = n;
        else if (args.Length != 0)
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }

        BenchmarkMain.PrintMachine("a million members: import, campaign queueing, dashboard (SQLite, WAL)");
        Line("Each phase in a new SQLite file on the temp disk, through the portal's own services (no HTTP): the CSV streamed from");
        Line("disk (`MemberCsv.CheckAsync` then `MemberStore.ImportAsync`), the campaign's whole send by one node's CampaignSender");
        Line("(outbox row, support link row, timeline event, status, page by page; copies are written when sent), the dashboard's");
        Line("`MemberDashboard.FiguresAsync` (median of 5). Peak memory: the process's working set and managed heap, sampled");
        Line("every 10 ms during the phase. The first run, with a tenth of the members, shows whether memory grows with them.");
        Line();

        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(15));
        var small = await RunOnceAsync(Math.Max(10, members / 10), deadline.Token);
        var large = await RunOnceAsync(members, deadline.Token);

        Line();
        Line(string.Create(CultureInfo.InvariantCulture, $"  {"",-28}{small.Members,14:N0} members{large.Members,14:N0} members   goal at {members:N0}"));
        Row("import (s)", small.Import.Seconds, large.Import.Seconds, $"<= {ImportGoal} s");
        Row("queue a campaign to all (s)", small.Queue.Seconds, large.Queue.Seconds, $"<= {QueueGoal} s");
        Row("dashboard, median (s)", small.Dashboard.Seconds, large.Dashboard.Seconds, $"<= {DashboardGoal} s");
        Row("import peak working set (MB)", small.Import.WorkingSetMb, large.Import.WorkingSetMb, "flat");
        Row("import peak managed heap (MB)", small.Import.HeapMb, large.Import.HeapMb, "flat");
        Row("queue peak working set (MB)", small.Queue.WorkingSetMb, large.Queue.WorkingSetMb, "flat");
        Row("queue peak managed heap (MB)", small.Queue.HeapMb, large.Queue.HeapMb, "flat");
        Line(string.Create(CultureInfo.InvariantCulture, $"  members file {large.FileMb:0} MB; database after the campaign {large.DatabaseMb:0} MB."));
        Line(string.Create(CultureInfo.InvariantCulture,
            $"  rates at {members:N0}: import {members / large.Import.Seconds:N0} members/s, queueing {members / large.Queue.Seconds:N0} members/s."));
        return 0;
    }

    private sealed record Phase(double Seconds, double WorkingSetMb, double HeapMb);

    private sealed record Run(int Members, Phase Import, Phase Queue, Phase Dashboard, double FileMb, double DatabaseMb);

    private static async Task<Run> RunOnceAsync(int members, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("portal-million-");
        try
        {
            var file = Path.Combine(folder.FullName, "members.csv");
            var programs = GuideLibrary.Load(GuideLibrary.BuiltIn()).All("ja").Select(g => g.Id).ToArray();
            await WriteMembersAsync(file, members, programs, cancellationToken);
            var database = Path.Combine(folder.FullName, "portal.db");
            using var host = Node(folder.FullName, database);
            await new DatabaseMigrator(host.Services.GetRequiredService<PortalDatabase>(), NullLogger<DatabaseMigrator>.Instance).MigrateAsync(cancellationToken);
            Line($"{members:N0} members: file written ({new FileInfo(file).Length / 1e6:0} MB); measuring.");

            var known = programs.ToHashSet(StringComparer.Ordinal);
            Stream Open() => new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.Asynchronous | FileOptions.SequentialScan);
            var checkSeconds = 0.0;
            var import = await MeasureAsync(async () =>
            {
                var check = Stopwatch.StartNew();
                var report = await MemberCsv.CheckAsync(Open, known, cancellationToken);
                checkSeconds = check.Elapsed.TotalSeconds;
                if (!report.IsValid) throw new InvalidOperationException($"the generated file has {report.ProblemCount} problem(s): {report.Problems.FirstOrDefault()?.Reason}");
                var counts = await host.Services.GetRequiredService<MemberStore>()
                    .ImportAsync(MemberCsv.ValidRowsAsync(Open, report, known, cancellationToken).Select(v => v.Row), "benchmark file", cancellationToken);
                if (counts.Added != members) throw new InvalidOperationException($"{counts.Added} added of {members}");
            });
            Line(string.Create(CultureInfo.InvariantCulture, $"  import   {import.Seconds,7:0.0} s (checking the file {checkSeconds:0.0} s, then reading it again and writing)"));

            var campaigns = host.Services.GetRequiredService<CampaignStore>();
            var template = new MailTemplate("{isp}: 送信ポートの変更のお願い", "{name} 様\n\n{program} の設定を {deadline} までに変更してください。\n手順: {link}\n確認: {testLink}\n");
            var english = new MailTemplate("{isp}: please change your sending port", "Dear {name},\n\nPlease change {program} by {deadline}.\nSteps: {link}\nTest: {testLink}\n");
            var id = await campaigns.CreateAsync("benchmark", new CampaignFilter(false, null, null), template, english, "bench@example.jp", cancellationToken);
            var queue = await MeasureAsync(async () =>
            {
                if (!await campaigns.RequestSendAsync(id, "bench@example.jp", new Uri("https://portal.example.jp/"), cancellationToken)) throw new InvalidOperationException("send not requested");
                if (!await host.Services.GetRequiredService<CampaignSender>().SendOneAsync(cancellationToken)) throw new InvalidOperationException("no send claimed");
                var done = await campaigns.FindAsync(id, cancellationToken);
                if (done?.Queued != members) throw new InvalidOperationException($"{done?.Queued} queued of {members}");
            });
            Line(string.Create(CultureInfo.InvariantCulture, $"  queue    {queue.Seconds,7:0.0} s"));

            var dashboard = host.Services.GetRequiredService<MemberDashboard>();
            var times = new List<double>();
            for (var i = 0; i < 5; i++)
            {
                var watch = Stopwatch.StartNew();
                var figures = await dashboard.FiguresAsync(TimeZoneInfo.Utc, cancellationToken);
                times.Add(watch.Elapsed.TotalSeconds);
                if (figures.Members != members) throw new InvalidOperationException($"dashboard counts {figures.Members} of {members}");
            }

            var median = Figures.Of(times).Median;
            Line(string.Create(CultureInfo.InvariantCulture, $"  dashboard {median,6:0.000} s (median of 5)"));
            var databaseMb = Directory.GetFiles(folder.FullName, "portal.db*").Sum(f => new FileInfo(f).Length) / 1e6;
            return new Run(members, import, queue, new Phase(median, 0, 0), new FileInfo(file).Length / 1e6, databaseMb);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    /// <summary>Times the work and samples the process's memory every 10 ms while it runs; a fresh start for each phase.</summary>
    private static async Task<Phase> MeasureAsync(Func<Task> work)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        using var process = Process.GetCurrentProcess();
        long peakSet = 0, peakHeap = 0;
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                process.Refresh();
                peakSet = Math.Max(peakSet, process.WorkingSet64);
                peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(false));
                try { await Task.Delay(10, stop.Token); } catch (OperationCanceledException) { }
            }
        });
        var watch = Stopwatch.StartNew();
        await work();
        var seconds = watch.Elapsed.TotalSeconds;
        await stop.CancelAsync();
        await sampler;
        return new Phase(seconds, peakSet / 1e6, peakHeap / 1e6);
    }

    /// <summary>A members file as an ISP's export would be: UTF-8, names in Japanese, programs and languages mixed, some left empty.</summary>
    private static async Task WriteMembersAsync(string file, int members, string[] programs, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(file, false, new UTF8Encoding(false), 1 << 16);
        await writer.WriteAsync("account,email,name,program,language\n".AsMemory(), cancellationToken);
        var line = new StringBuilder();
        for (var i = 0; i < members; i++)
        {
            line.Clear();
            line.Append(CultureInfo.InvariantCulture, $"m{i:D7},m{i:D7}@example.jp,会員 {i},{(i % 5 == 0 ? "" : programs[i % programs.Length])},{(i % 10 == 0 ? "en" : "ja")}\n");
            await writer.WriteAsync(line, cancellationToken);
        }
    }

    private static IHost Node(string folder, string database)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ContentRootPath = folder });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:ConnectionString"] = database,
            ["DataProtection:InsecureStoreKeysUnencrypted"] = "true",
        });
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddPortalCore();
        builder.Services.AddPortalDataProtection();
        builder.Services.AddSingleton<CampaignQueue>();
        builder.Services.AddSingleton<CampaignSender>();
        return builder.Build();
    }

    private static void Row(string label, double small, double large, string goal) =>
        Line(string.Create(CultureInfo.InvariantCulture, $"  {label,-28}{small,22:0.00}{large,22:0.00}   {goal}"));

    private static void Line(string text = "") => Console.WriteLine(text);
}
