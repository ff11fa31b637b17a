using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Portal.Benchmarks;

/// <summary>
/// Guide and notice pages at static speed: the exact bytes the portal served for a guide, a notice page and the
/// stylesheet are put behind nginx (Debian's package) on loopback, and wrk (Debian's package) runs against nginx and
/// the portal in turn with the same threads and connections, several rounds interleaved. Prints req/s and p99 for each
/// and the portal's ratio to nginx (goal: at least 0.5).
/// </summary>
internal static partial class PagesBenchmark
{
    public const string Flag = "--pages";

    private const double Goal = 0.5;

    private static readonly (string Name, string Path)[] Pages =
    [
        ("guide (Outlook Express 6)", "/guides/outlook-express-6?culture=ja"),
        ("notice page (overview)", "/overview?culture=ja"),
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        var (seconds, connections, rounds) = (10, 16, 3);
        if (args.Length != 0 && !(args.Length == 2 && args[0] == "--seconds" && int.TryParse(args[1], CultureInfo.InvariantCulture, out seconds) && seconds > 0))
        {
            Console.Error.WriteLine($"usage: {Flag} [--seconds N]   (default 10 per run)");
            return 2;
        }

        foreach (var tool in new[] { "/usr/sbin/nginx", "/usr/bin/wrk" })
        {
            if (File.Exists(tool)) continue;
            Console.Error.WriteLine($"{tool} is missing: apt-get install -y nginx wrk");
            return 2;
        }

        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(20));
        var ct = deadline.Token;
        BenchmarkMain.PrintMachine("Guide and notice pages: the portal next to nginx serving the same bytes");
        await using var portal = BenchPortal.Start(new Dictionary<string, string?>());
        using var http = BehindTlsProxy.Client(portal.Address);

        // The bytes a member gets (uncompressed, as wrk asks for none), written where nginx serves them.
        var root = Path.Combine(portal.Folder, "nginx-root");
        Directory.CreateDirectory(root);
        var home = await http.GetStringAsync("/?culture=ja", ct);
        var stylesheet = StylesheetIn().Match(home).Groups[1].Value;
        var targets = Pages.Append(("stylesheet (site.css)", stylesheet)).ToList();
        foreach (var (name, path) in targets)
        {
            var bytes = await http.GetByteArrayAsync(path, ct);
            File.WriteAllBytes(Path.Combine(root, FileName(path)), bytes);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: {path} ({bytes.Length / 1024.0:0.0} KB)"));
        }

        await using var nginx = await Nginx.StartAsync(root, portal.Folder, ct);
        Console.WriteLine($"nginx {nginx.Version} on 127.0.0.1:{nginx.Port}, 1 worker, the files above; the portal on Kestrel at {portal.Address} (Production, demo mode).");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"wrk: 1 thread, {connections} connections, {seconds} s per run, {rounds} rounds, nginx and portal alternating; the portal is sent the headers its TLS proxy would add."));
        Console.WriteLine("Everything shares this machine's cores: the ratios are what count.");
        Console.WriteLine();
        Console.WriteLine($"  {"page",-28}{"server",-8}{"req/s",10}{"p99 ms",10}");

        foreach (var (name, path) in targets)
        {
            var (ours, theirs) = (new List<(double Rate, double P99)>(), new List<(double Rate, double P99)>());
            for (var round = 0; round < rounds; round++)
            {
                theirs.Add(await Wrk.RunAsync(new Uri($"http://127.0.0.1:{nginx.Port}/{FileName(path)}"), connections, seconds, [], ct));
                ours.Add(await Wrk.RunAsync(new Uri(portal.Address, path), connections, seconds, ["X-Forwarded-Proto: https", "X-Forwarded-For: 127.0.0.1"], ct));
            }

            var (portalRate, nginxRate) = (Median(ours.Select(r => r.Rate)), Median(theirs.Select(r => r.Rate)));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name,-28}{"nginx",-8}{nginxRate,10:0}{Median(theirs.Select(r => r.P99)),10:0.00}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {"",-28}{"portal",-8}{portalRate,10:0}{Median(ours.Select(r => r.P99)),10:0.00}"));
            var ratio = portalRate / nginxRate;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {"",-28}ratio portal/nginx {ratio:0.00}x (goal >= {Goal:0.0}x: {(ratio >= Goal ? "met" : "not met")})"));
        }

        return 0;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string FileName(string path) => Regex.Replace(path.TrimStart('/'), "[^A-Za-z0-9.-]", "_") + ".bin";

    [GeneratedRegex("href=\"(/css/site\\.css\\?v=[^\"]+)\"")]
    private static partial Regex StylesheetIn();

    /// <summary>nginx in the foreground with a configuration of its own, on a free loopback port.</summary>
    private sealed class Nginx : IAsyncDisposable
    {
        private readonly Process _process;

        private Nginx(Process process, int port, string version) => (_process, Port, Version) = (process, port, version);

        public int Port { get; }

        public string Version { get; }

        public static async Task<Nginx> StartAsync(string root, string folder, CancellationToken ct)
        {
            var port = FreePort();
            var prefix = Path.Combine(folder, "nginx");
            Directory.CreateDirectory(Path.Combine(prefix, "logs"));
            var config = Path.Combine(prefix, "nginx.conf");
            // The files a member would get from nginx: sent as they are, kept-alive connections, no logging in the way.
            File.WriteAllText(config, $$"""
                worker_processes 1;
                daemon off;
                user root;
                pid {{prefix}}/nginx.pid;
                error_log stderr error;
                events { worker_connections 1024; }
                http {
                    access_log off;
                    sendfile on;
                    tcp_nopush on;
                    keepalive_requests 1000000;
                    default_type text/html;
                    client_body_temp_path {{prefix}}/body;
                    proxy_temp_path {{prefix}}/proxy;
                    fastcgi_temp_path {{prefix}}/fastcgi;
                    uwsgi_temp_path {{prefix}}/uwsgi;
                    scgi_temp_path {{prefix}}/scgi;
                    server {
                        listen 127.0.0.1:{{port}};
                        root {{root}};
                    }
                }
                """);
            var process = Process.Start(new ProcessStartInfo("/usr/sbin/nginx", ["-p", prefix, "-c", config])
            {
                RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false,
            })!;
            var version = await Run("/usr/sbin/nginx", ["-v"], ct);
            for (var i = 0; i < 100; i++)
            {
                if (process.HasExited) throw new InvalidOperationException($"nginx stopped: {await process.StandardError.ReadToEndAsync(ct)}");
                try
                {
                    using var probe = new TcpClient();
                    await probe.ConnectAsync(IPAddress.Loopback, port, ct);
                    return new Nginx(process, port, version.Replace("nginx version: ", "", StringComparison.Ordinal).Trim());
                }
                catch (SocketException)
                {
                    await Task.Delay(50, ct);
                }
            }

            throw new InvalidOperationException("nginx did not start listening");
        }

        public async ValueTask DisposeAsync()
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
            _process.Dispose();
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }

    /// <summary>wrk's requests per second and 99th percentile latency for one run.</summary>
    private static partial class Wrk
    {
        public static async Task<(double Rate, double P99)> RunAsync(Uri url, int connections, int seconds, string[] headers, CancellationToken ct)
        {
            var arguments = new List<string> { "-t1", $"-c{connections}", $"-d{seconds}s", "--latency" };
            foreach (var header in headers) arguments.AddRange(["-H", header]);
            arguments.Add(url.AbsoluteUri);
            var output = await Run("/usr/bin/wrk", arguments, ct);
            var rate = RequestsPerSecond().Match(output);
            var p99 = Percentile99().Match(output);
            if (!rate.Success || !p99.Success) throw new InvalidOperationException($"wrk said:\n{output}");
            if (NonSuccess().Match(output) is { Success: true } bad) throw new InvalidOperationException($"{url}: {bad.Value}");
            return (double.Parse(rate.Groups[1].Value, CultureInfo.InvariantCulture), Milliseconds(p99.Groups[1].Value, p99.Groups[2].Value));
        }

        private static double Milliseconds(string value, string unit) =>
            double.Parse(value, CultureInfo.InvariantCulture) * unit switch { "us" => 0.001, "s" => 1000, _ => 1 };

        [GeneratedRegex(@"Requests/sec:\s+([0-9.]+)")]
        private static partial Regex RequestsPerSecond();

        [GeneratedRegex(@"99%\s+([0-9.]+)(us|ms|s)")]
        private static partial Regex Percentile99();

        [GeneratedRegex(@"Non-2xx or 3xx responses: \d+")]
        private static partial Regex NonSuccess();
    }

    private static async Task<string> Run(string file, IEnumerable<string> arguments, CancellationToken ct)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false })!;
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var error = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        return await output + await error;
    }
}
