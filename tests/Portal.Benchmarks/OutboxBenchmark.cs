using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Portal.Core;
using Portal.Core.Configuration;
using Portal.Core.Campaigns;
using Portal.Core.Data;
using Portal.Core.MemberMail;
using Portal.Core.Members;
using Portal.Core.Outbox;


namespace Portal.Benchmarks;

/// <summary>
/// How fast one node's <see cref="OutboxSender"/> empties a queue into Postfix's smtp-sink on 127.0.0.1, next to
/// Postfix's own smtp-source sending the same number of messages of the same size, one session at a time, to another
/// smtp-sink: the same work without a database, MIME or .NET. Figures only: it exits 0 whatever it measures.
/// </summary>
internal static class OutboxBenchmark
{
    public const string Flag = "--outbox";

    private const string Usage = "usage: dotnet run -c Release --project tests/Portal.Benchmarks -- --outbox [--messages 10000 --size 2048 --repetitions 3]";
    private const string SmtpSink = "/usr/sbin/smtp-sink";
    private const string SmtpSource = "/usr/sbin/smtp-source";

    // The pace is correct behaviour, but here it would measure itself: far above what one connection can carry.
    private const int Unpaced = 1_000_000;

    private static readonly TimeSpan RunLimit = TimeSpan.FromMinutes(3);

    public static async Task<int> RunAsync(string[] args)
    {
        if (!TryParse(args, out var messages, out var size, out var repetitions))
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }

        BenchmarkMain.PrintMachine("the outbox (OutboxSender into Postfix's smtp-sink) against Postfix's smtp-source");
        if (!File.Exists(SmtpSink) || !File.Exists(SmtpSource))
        {
            Line($"{SmtpSink} or {SmtpSource} is missing: they come with Debian's postfix package (apt-get install -y postfix). Nothing measured.");
            return 0;
        }

        Line($"{messages} messages of {size} bytes of body each, {repetitions} repetitions of each side, alternating which goes first.");
        Line($"  outbox:      {messages} rows queued in a new SQLite file (WAL), then one node's OutboxSender (defaults: BatchSize 50,");
        Line($"               LeaseSeconds 300; MessagesPerMinute raised to {Unpaced} so the pace does not decide the figure) sends them");
        Line("               over one connection, plain SMTP, no TLS, no AUTH, to smtp-sink; timed from the node's start to the last");
        Line("               row marked sent (claims, MIME, SMTP with PIPELINING, one UPDATE per message).");
        Line("  copies:      the same, but the rows are a campaign's copies to as many members (each with a guide), queued by");
        Line("               CampaignQueue and written by the sender as it sends them: template, member, support link signed then.");
        Line($"  smtp-source: smtp-source -s 1 -d -m {messages} -l {size}: one session (-s 1) kept for every message (-d), as the outbox");
        Line("               keeps its one connection; no PIPELINING (smtp-source has none), no database, no MIME; timed from start to exit.");
        Line("  Both sinks: smtp-sink on 127.0.0.1 and a free port, started fresh for each run.");
        Line();

        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(10 + repetitions * 3));
        var outbox = new List<double>();
        var copies = new List<double>();
        var source = new List<double>();
        for (var run = 1; run <= repetitions && !deadline.IsCancellationRequested; run++)
        {
            var sides = new (string Name, Func<Task<double?>> Measure, List<double> Rates)[]
            {
                ("outbox", () => OutboxRunAsync(run, messages, size, campaignCopies: false, deadline.Token), outbox),
                ("copies", () => OutboxRunAsync(run, messages, size, campaignCopies: true, deadline.Token), copies),
                ("smtp-source", () => SmtpSourceRunAsync(messages, size, deadline.Token), source),
            };
            if (run % 2 == 0) Array.Reverse(sides);
            foreach (var (name, measure, rates) in sides)
            {
                double? rate;
                try
                {
                    rate = await measure();
                }
                catch (Exception e)
                {
                    // A figure missing is reported, never fatal: the program exits 0 whatever it measures.
                    Line($"    {name} failed: {e.GetType().Name}: {e.Message}");
                    rate = null;
                }

                if (rate is { } perSecond) rates.Add(perSecond);
                Line($"  run {run}, {name,-11}: {(rate is { } r ? $"{r,8:0} messages/s" : "did not finish")}");
            }
        }

        Line();
        var outboxMedian = Figures.Of(outbox).Median;
        var sourceMedian = Figures.Of(source).Median;
        Line($"  median outbox      {outboxMedian,8:0} messages/s   ({outbox.Count} runs)");
        var copiesMedian = Figures.Of(copies).Median;
        Line($"  median copies      {copiesMedian,8:0} messages/s   ({copies.Count} runs)");
        Line($"  median smtp-source {sourceMedian,8:0} messages/s   ({source.Count} runs)");
        Line($"  ratio outbox / smtp-source = {outboxMedian / sourceMedian:0.00}; copies / outbox = {copiesMedian / outboxMedian:0.00}"
            + $" (Outbound:MessagesPerMinute is {new OutboundOptions().MessagesPerMinute} a minute by default)");
        return 0;
    }

    /// <summary>One run of the outbox; messages per second, or null if it did not send them all in time.</summary>
    private static async Task<double?> OutboxRunAsync(int run, int messages, int size, bool campaignCopies, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(Path.GetTempPath(), "portal-benchmarks", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var location = DatabaseLocation.Resolve(new DatabaseOptions { ConnectionString = Path.Combine(folder, "outbox.db") }, folder);
            var database = new PortalDatabase(location);
            await new DatabaseMigrator(database, NullLogger<DatabaseMigrator>.Instance).MigrateAsync(cancellationToken);
            var queue = new MemberOutbox(database, Options.Create(new IspOptions()), TimeProvider.System);
            var body = Body(size);
            var port = Portal.TestServers.FreePort.Next();
            using var host = SenderNode(folder, location, port);
            var queuing = Stopwatch.StartNew();
            if (campaignCopies) await QueueCampaignAsync(host.Services, messages, body, cancellationToken);
            else
            {
                for (var n = 1; n <= messages; n++)
                {
                    await queue.EnqueueAsync(new OutgoingMail($"bench:{run}:{n}", OutgoingMailKind.Campaign, $"member{n}@example.jp", null,
                        $"Benchmark message {n}", body, null, "en") { MemberId = n, CampaignId = run }, cancellationToken);
                }
            }

            Line($"  run {run}, queuing    : {messages / queuing.Elapsed.TotalSeconds,8:0} messages/s ({(campaignCopies ? "a campaign's pages" : "EnqueueAsync one at a time")}; not compared)");

            using var sink = await StartSinkAsync(port, cancellationToken);
            var started = DateTimeOffset.UtcNow;
            await host.StartAsync(cancellationToken);
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(RunLimit);
            OutboxCounts counts;
            do
            {
                await Task.Delay(50, CancellationToken.None);
                counts = await queue.CountsAsync(CancellationToken.None);
            }
            while (counts.Sent + counts.Failed < messages && !limit.IsCancellationRequested);

            await host.StopAsync(CancellationToken.None);
            Stop(sink);
            if (counts.Sent < messages)
            {
                Line($"    outbox: {counts.Sent} sent, {counts.Failed} failed, {counts.Queued} queued of {messages}");
                return null;
            }

            await using var connection = await database.OpenAsync(CancellationToken.None);
            await using var last = connection.CreateCommand();
            last.CommandText = "SELECT MAX(SentAt) FROM OutboxMessages";
            var lastSent = DateTimeOffset.Parse((string)(await last.ExecuteScalarAsync(CancellationToken.None))!, CultureInfo.InvariantCulture);
            return messages / (lastSent - started).TotalSeconds;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // A file still held for a moment: the OS cleans its temp folder eventually.
            }
        }
    }

    /// <summary>As many members, each with a guide, and a campaign to all of them queued a page at a time as a sender does.</summary>
    private static async Task QueueCampaignAsync(IServiceProvider services, int members, string body, CancellationToken cancellationToken)
    {
        await services.GetRequiredService<MemberStore>().UpsertAsync(Enumerable.Range(1, members)
            .Select(n => new MemberRow($"member{n}", $"member{n}@example.jp", $"Member {n}", "thunderbird", "en")).ToList(), "benchmark", cancellationToken);
        var campaigns = services.GetRequiredService<CampaignStore>();
        var template = new MailTemplate("Benchmark message for {name}", $"{{name}}\n{{link}}\n{body}");
        var filter = new CampaignFilter(false, null, null);
        var id = await campaigns.CreateAsync("benchmark", filter, template, template, "benchmark", cancellationToken);
        await campaigns.RequestSendAsync(id, "benchmark", new Uri("https://portal.example.jp/"), cancellationToken);
        var campaign = (await campaigns.FindAsync(id, cancellationToken))!;
        var queue = services.GetRequiredService<CampaignQueue>();
        for (long after = 0; ;)
        {
            var page = await campaigns.MembersAsync(filter, after, 1000, cancellationToken);
            if (page.Count == 0) break;
            await queue.WriteAsync(campaign, queue.Prepare(page), "benchmark", cancellationToken);
            after = page[^1].Id;
        }
    }

    private static IHost SenderNode(string folder, DatabaseLocation location, int port)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ContentRootPath = folder });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:ConnectionString"] = location.ConnectionString,
            ["Outbound:Host"] = "127.0.0.1",
            ["Outbound:Port"] = port.ToString(CultureInfo.InvariantCulture),
            ["Outbound:Security"] = nameof(ConnectionSecurity.None),
            ["Outbound:FromAddress"] = "info@example.jp",
            ["Outbound:MessagesPerMinute"] = Unpaced.ToString(CultureInfo.InvariantCulture),
            // Its throw-away database needs no key certificate (campaign copies' links are signed with the key ring).
            ["DataProtection:InsecureStoreKeysUnencrypted"] = "true",
        });
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddPortalCore();
        builder.Services.AddPortalDataProtection();
        builder.Services.AddSingleton<CampaignQueue>();
        builder.Services.AddHostedService<OutboxSender>();
        return builder.Build();
    }

    /// <summary>One run of smtp-source; messages per second, or null if it failed.</summary>
    private static async Task<double?> SmtpSourceRunAsync(int messages, int size, CancellationToken cancellationToken)
    {
        var port = Portal.TestServers.FreePort.Next();
        using var sink = await StartSinkAsync(port, cancellationToken);
        var start = new ProcessStartInfo(SmtpSource) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[]
                 {
                     "-s", "1", "-d", "-m", messages.ToString(CultureInfo.InvariantCulture), "-l", size.ToString(CultureInfo.InvariantCulture),
                     "-f", "info@example.jp", "-t", "member@example.jp", "-M", "bench.localhost", $"127.0.0.1:{port}",
                 })
        {
            start.ArgumentList.Add(arg);
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{SmtpSource} did not start.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(RunLimit);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            Line($"    smtp-source did not finish within {RunLimit.TotalMinutes} minutes");
            return null;
        }
        finally
        {
            Stop(sink);
        }

        var seconds = clock.Elapsed.TotalSeconds;
        if (process.ExitCode != 0)
        {
            Line($"    smtp-source exited {process.ExitCode}: {(await output + await error).Trim()}");
            return null;
        }

        return messages / seconds;
    }

    /// <summary>smtp-sink on 127.0.0.1 only; as root it must be told whom to become (-u).</summary>
    private static async Task<Process> StartSinkAsync(int port, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(SmtpSink) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (Environment.IsPrivilegedProcess)
        {
            start.ArgumentList.Add("-u");
            start.ArgumentList.Add("nobody");
        }

        start.ArgumentList.Add($"127.0.0.1:{port}");
        start.ArgumentList.Add("1000");
        var sink = Process.Start(start) ?? throw new InvalidOperationException($"{SmtpSink} did not start.");
        // Its output is not needed, but a full pipe would stop it.
        _ = sink.StandardOutput.ReadToEndAsync(cancellationToken);
        _ = sink.StandardError.ReadToEndAsync(cancellationToken);
        for (var tries = 0; ; tries++)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
                return sink;
            }
            catch (SocketException) when (tries < 200 && !sink.HasExited)
            {
                await Task.Delay(25, cancellationToken);
            }
        }
    }

    private static void Stop(Process sink)
    {
        if (!sink.HasExited) sink.Kill();
        sink.WaitForExit();
    }

    /// <summary>Short ASCII lines (7bit, no encoding), cut to a plain-text body of exactly that many bytes.</summary>
    private static string Body(int size)
    {
        const string line = "Please move your mail program to port 587 with SMTP authentication.\n";
        var text = new StringBuilder(size + line.Length);
        while (text.Length < size) text.Append(line);
        return text.ToString(0, size - 1) + "\n";
    }


    private static bool TryParse(string[] args, out int messages, out int size, out int repetitions)
    {
        (messages, size, repetitions) = (10_000, 2048, 3);
        for (var i = 0; i < args.Length; i += 2)
        {
            if (i + 1 >= args.Length || !int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < 1) return false;
            switch (args[i])
            {
                case "--messages": messages = value; break;
                case "--size" when value >= 64: size = value; break;
                case "--repetitions": repetitions = value; break;
                default: return false;
            }
        }

        return true;
    }

    private static void Line(string text = "") => Console.WriteLine(text);
}
