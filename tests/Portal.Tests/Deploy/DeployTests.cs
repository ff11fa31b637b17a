using System.Globalization;
using System.Net;
using System.Xml.Linq;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Deploy;

/// <summary>
/// The release deployed as the README's "Deploying" says: published into one folder, `portal migrate`, `portal config
/// check` and `portal staff add` run from it, then the site started in Production with the unit's and the environment
/// file's settings (moved to this test's folders and port) behind a proxy on 127.0.0.1, answering every public page.
/// </summary>
public sealed class DeployTests(PublishedPortal published, Probe.DemoServerFixture submission)
    : IClassFixture<PublishedPortal>, IClassFixture<Probe.DemoServerFixture>, IDisposable
{
    private const string StaffPassword = "a long enough staff password";

    // What nginx on the same host adds to each request (Deploy/nginx-portal.conf): the member's address and scheme.
    private const string MemberAddress = "203.0.113.7";

    private readonly TempFolder _state = new();
    private readonly TempFolder _workingDirectory = new();
    private readonly Deployment _deployment = Deployment.Read();

    [Fact]
    public void The_publish_output_has_the_site_the_tool_and_the_static_files()
    {
        foreach (var file in new[] { "Portal.Web.dll", "portal.dll", "portal-probe", "appsettings.json", "wwwroot/css/site.css", "wwwroot/img/favicon.svg" })
            Assert.True(File.Exists(Path.Combine(published.Folder, file)), $"{file} is not in the publish output");
        // Published, the app's own folder is its content root, wherever it was published.
        Assert.Equal(published.Folder, Portal.Core.Configuration.PortalPaths.Locate(published.Folder).ContentRoot);
    }

    [Fact]
    public void The_unit_starts_the_published_site_with_settings_the_portal_reads()
    {
        var exec = _deployment.ExecStart();
        Assert.Equal(["/usr/bin/dotnet", $"{Deployment.InstallFolder}/Portal.Web.dll"], exec);
        Assert.True(File.Exists(Path.Combine(published.Folder, Path.GetFileName(exec[1]))), $"ExecStart runs {exec[1]}, which publishing does not make");
        Assert.Equal(Deployment.InstallFolder, _deployment.UnitValue("WorkingDirectory"));
        Assert.Equal("/etc/portal/portal.env", _deployment.UnitValue("EnvironmentFile"));
        Assert.Equal("notify", _deployment.UnitValue("Type"));

        // The unit's own variables are read by ASP.NET Core and .NET themselves; the environment file's by the portal.
        Assert.Equal(["ASPNETCORE_ENVIRONMENT", "ASPNETCORE_URLS", "DOTNET_NOLOGO"], _deployment.UnitEnvironment().Select(e => e.Name));
        Assert.Equal("Production", _deployment.UnitEnvironment().Single(e => e.Name == "ASPNETCORE_ENVIRONMENT").Value);
        var unknown = _deployment.EnvironmentFile.Select(e => e.Name).Where(n => !ConfigurationKeys.IsKnownEnvironmentName(n)).ToList();
        Assert.True(unknown.Count == 0, $"portal.env sets what no options class reads: {string.Join(", ", unknown)}");
        Assert.Contains(_deployment.EnvironmentFile, e => e.Name == "DataProtection__CertificateFile");
        Assert.Contains(_deployment.EnvironmentFile, e => e.Name == "ForwardedHeaders__KnownProxies__0" && e.Value == "127.0.0.1");
        Assert.Contains(_deployment.EnvironmentFile, e => e.Name == "Isp__Submission__Host");
    }

    [Fact]
    public async Task A_shell_reads_the_environment_file_as_systemd_does_for_running_the_tool_by_hand()
    {
        // README "Deploying": `set -a; . /etc/portal/portal.env; set +a` before `portal migrate`.
        var shell = await ExternalProgram.RunAsync("/bin/sh", ["-c", $"set -a; . '{PublishedPortal.DeployFile("portal.env")}'; set +a; env"], new Dictionary<string, string>());

        Assert.True(shell.ExitCode == 0, shell.Error);
        var read = shell.Output.Split('\n').Where(l => l.Contains('=', StringComparison.Ordinal)).Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        foreach (var (name, value) in _deployment.EnvironmentFile) Assert.Equal((name, value), (name, read.GetValueOrDefault(name)));
    }

    [Fact]
    public void The_nginx_site_forwards_to_the_port_the_unit_listens_on_and_sets_the_headers_the_portal_believes()
    {
        var site = File.ReadAllText(PublishedPortal.DeployFile("nginx-portal.conf"));
        var listen = _deployment.UnitEnvironment().Single(e => e.Name == "ASPNETCORE_URLS").Value;

        Assert.Contains($"proxy_pass {listen};", site, StringComparison.Ordinal);
        Assert.Contains("proxy_set_header X-Forwarded-For $remote_addr;", site, StringComparison.Ordinal);
        Assert.Contains("proxy_set_header X-Forwarded-Proto $scheme;", site, StringComparison.Ordinal);
        Assert.Contains("server_name portal.example.jp autoconfig.example.jp autodiscover.example.jp;", site, StringComparison.Ordinal);
        Assert.Equal(new Uri(listen).Host, _deployment.EnvironmentFile.Single(e => e.Name == "ForwardedHeaders__KnownProxies__0").Value);
    }

    [Fact]
    public async Task An_operator_deploys_the_release_and_every_public_page_answers()
    {
        var port = FreePort.Next();
        var environment = _deployment.EnvironmentFor(published.Folder, _state.Path, port);

        var migrate = await Tool(environment, ["migrate"]);
        Assert.True(migrate.ExitCode == 0, migrate.Output + migrate.Error);
        Assert.Contains($"Database: SQLite file {Path.Combine(_state.Path, "portal.db")}", migrate.Output, StringComparison.Ordinal);
        Assert.Contains("Applied 0009_staff_sessions.sql", migrate.Output, StringComparison.Ordinal);
        var check = await Tool(environment, ["config", "check"]);
        Assert.True(check.ExitCode == 0, check.Output + check.Error);
        Assert.Contains($"Content root: {published.Folder} (environment Production)", check.Output, StringComparison.Ordinal);
        var staff = await Tool(environment, ["staff", "add", "--email", "hanako@example.jp", "--role", "admin"], StaffPassword + "\n");
        Assert.True(staff.ExitCode == 0, staff.Output + staff.Error);

        await using var site = await StartSiteAsync(environment, port);
        using var client = Behind_the_proxy(port);

        var home = await PageAsync(client, "/");
        Assert.EndsWith("| サンプルネット", home.Title, StringComparison.Ordinal); // Isp__Name__Ja from the environment file
        Assert.Null(home.QuerySelector("#demo-account")); // a configured ISP: not demo mode

        var guideJa = await PageAsync(client, "/guides/becky-2");
        Assert.Equal("ja", guideJa.DocumentElement.GetAttribute("lang"));
        Assert.Contains("smtp.example.jp", guideJa.QuerySelector("#steps")!.TextContent, StringComparison.Ordinal);
        var guideEn = await PageAsync(client, "/guides/becky-2?culture=en");
        Assert.Equal("en", guideEn.DocumentElement.GetAttribute("lang"));
        Assert.Contains("smtp.example.jp", guideEn.QuerySelector("#steps")!.TextContent, StringComparison.Ordinal);
        Assert.EndsWith("| Sample Net", guideEn.Title, StringComparison.Ordinal); // a quoted value, as systemd reads it

        using var test = await client.GetAsync("/test");
        await AssertPageAsync(test);
        var antiforgery = Assert.Single(Cookies(test), c => c.StartsWith(".portal.antiforgery=", StringComparison.Ordinal));
        Assert.Contains("; secure", antiforgery, StringComparison.OrdinalIgnoreCase);
        Assert.NotNull((await PageReader.ParseAsync(test)).QuerySelector("#probe-form input[name=__RequestVerificationToken]"));

        // The staff member the published tool added signs in to the published site: one database, one configuration.
        using var signInPage = await client.GetAsync("/staff/sign-in");
        await AssertPageAsync(signInPage);
        var token = PageReader.AntiforgeryToken(await PageReader.ParseAsync(signInPage));
        using var signIn = await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/staff/sign-in")
        {
            Headers = { { "Cookie", CookieHeader(signInPage) } },
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["Email"] = "hanako@example.jp", ["Password"] = StaffPassword }),
        });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var session = Assert.Single(Cookies(signIn), c => c.StartsWith(".portal.staff=", StringComparison.Ordinal));
        Assert.Contains("; secure", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; httponly", session, StringComparison.OrdinalIgnoreCase);
        using var console = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/staff") { Headers = { { "Cookie", session.Split(';')[0] } } });
        await AssertPageAsync(console);

        using var autoconfig = await client.GetAsync("/.well-known/autoconfig/mail/config-v1.1.xml?emailaddress=taro%40example.jp");
        Assert.Equal(HttpStatusCode.OK, autoconfig.StatusCode);
        AssertSecurityHeaders(autoconfig);
        var outgoing = XDocument.Parse(await autoconfig.Content.ReadAsStringAsync()).Descendants("outgoingServer").First();
        Assert.Equal(("smtp.example.jp", "587", "STARTTLS"), ((string?)outgoing.Element("hostname"), (string?)outgoing.Element("port"), (string?)outgoing.Element("socketType")));

        using var health = await client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.StartsWith("Healthy", await health.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var exitCode = await site.StopAsync(TimeSpan.FromSeconds(30));
        Assert.True(exitCode == 0, $"The site exited with {exitCode}:{Environment.NewLine}{site.Output}");
        var complaints = site.Output.Split('\n').Where(l => l.StartsWith("fail:", StringComparison.Ordinal) || l.StartsWith("crit:", StringComparison.Ordinal)
                                                                 || l.Contains("InsecureStoreKeysUnencrypted", StringComparison.Ordinal)).ToList();
        Assert.True(complaints.Count == 0, site.Output);
    }

    [Fact]
    public async Task The_evidence_unit_counts_what_the_mail_server_logs_into_the_sites_database()
    {
        var unit = Deployment.UnitFile("portal-evidence.service");
        string Value(string key) => unit.Single(u => u.Key == key).Value;
        // The site's user, folder and settings: one database, one configuration.
        foreach (var key in new[] { "User", "Group", "WorkingDirectory", "EnvironmentFile", "StateDirectory" })
            Assert.Equal(_deployment.UnitValue(key), Value(key));
        Assert.Contains(("Environment", "ASPNETCORE_ENVIRONMENT=Production"), unit);
        // A standby (exit 75, another host holds the lease) tries again after the README's 30 s.
        Assert.Equal(("always", "30"), (Value("Restart"), Value("RestartSec")));
        var exec = Value("ExecStart");
        Assert.StartsWith("/bin/sh -c '", exec, StringComparison.Ordinal);
        var pipeline = exec["/bin/sh -c '".Length..].TrimEnd('\'').Split(" | ");
        Assert.Equal(2, pipeline.Length);
        Assert.StartsWith("journalctl --follow ", pipeline[0], StringComparison.Ordinal);
        Assert.Contains("--output=short-iso", pipeline[0], StringComparison.Ordinal); // -o cat drops what the reader needs
        Assert.Equal($"/usr/bin/dotnet {Deployment.InstallFolder}/portal.dll evidence follow - --name %H", pipeline[1]);

        // The unit's command, reading the journal's lines (as journalctl -o short-iso writes them) from a file instead.
        var environment = _deployment.EnvironmentFor(published.Folder, _state.Path, FreePort.Next());
        var migrate = await Tool(environment, ["migrate"]);
        Assert.True(migrate.ExitCode == 0, migrate.Output + migrate.Error);
        File.WriteAllText(_state.File("members.csv"), "account,email,name\ntaro,taro@example.jp,Taro\njiro,jiro@example.jp,Jiro\n");
        var import = await Tool(environment, ["members", "import", _state.File("members.csv")]);
        Assert.True(import.ExitCode == 0, import.Output + import.Error);
        var now = DateTimeOffset.Now.AddMinutes(-5);
        string At(int seconds) => now.AddSeconds(seconds).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
        File.WriteAllLines(_state.File("journal.txt"),
            [.. Evidence.EvidenceLines.Submission(At(0), 4101, "C3CD21F3E90", "taro@example.jp", "taro@example.jp"), .. Evidence.EvidenceLines.Port25(At(5), 5201, "8F1E2D3C4B", "jiro@example.jp")]);
        var dotnet = File.Exists("/usr/bin/dotnet") ? "/usr/bin/dotnet" : "dotnet";
        var sink = pipeline[1].Replace("/usr/bin/dotnet", dotnet, StringComparison.Ordinal).Replace(Deployment.InstallFolder, published.Folder, StringComparison.Ordinal)
            .Replace("%H", "mx1", StringComparison.Ordinal);
        var follow = await ExternalProgram.RunAsync("/bin/sh", ["-c", $"cat '{_state.File("journal.txt")}' | {sink}"], environment, workingDirectory: _workingDirectory.Path);
        Assert.True(follow.ExitCode == 0, follow.Output + follow.Error);
        Assert.Contains("Followed 'mx1' (its input ended)", follow.Output, StringComparison.Ordinal);

        var taro = await Tool(environment, ["evidence", "show", "taro", "--json"]);
        var jiro = await Tool(environment, ["evidence", "show", "jiro", "--json"]);
        Assert.Equal("moved", System.Text.Json.JsonDocument.Parse(taro.Output).RootElement.GetProperty("verdict").GetString());
        Assert.Equal("not-moved", System.Text.Json.JsonDocument.Parse(jiro.Output).RootElement.GetProperty("verdict").GetString());
    }

    [Fact]
    public async Task The_native_portal_probe_in_the_release_probes_as_portal_probe_does()
    {
        // A machine-code program, not a .NET assembly: it starts with no runtime to load (Native AOT).
        var native = Path.Combine(published.Folder, "portal-probe");
        Assert.Equal("\u007fELF"u8.ToArray(), File.ReadAllBytes(native).Take(4).ToArray());
        Assert.False(File.Exists(Path.Combine(published.Folder, "portal-probe.dll")), "portal-probe was published as a .NET assembly, not Native AOT");

        var environment = _deployment.EnvironmentFor(published.Folder, _state.Path, FreePort.Next());
        var trust = _state.File("submission-ca.pem");
        File.WriteAllText(trust, submission.Certificate.ExportCertificatePem());
        string[] probe = ["--user", Probe.DemoServerFixture.Account, "--password-stdin", "--host", "127.0.0.1",
            "--port", submission.StartTlsPort.ToString(CultureInfo.InvariantCulture), "--trust-cert", trust];

        var fast = await ExternalProgram.RunAsync(native, probe, environment, Probe.DemoServerFixture.Password + "\n", workingDirectory: _workingDirectory.Path);
        var tool = await Tool(environment, ["probe", .. probe], Probe.DemoServerFixture.Password + "\n");

        Assert.True(fast.ExitCode == 0, fast.Output + fast.Error);
        Assert.Contains("Verdict: pass (ok)", fast.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(Probe.DemoServerFixture.Password, fast.Output + fast.Error, StringComparison.Ordinal);
        // Step for step the same report as `portal probe` (the milliseconds aside), also for an address in Japanese
        // (portal-probe runs without ICU).
        Assert.Equal(Steps(tool.Output), Steps(fast.Output));
        string[] japanese = [.. probe, "--sender", "太郎@例え.jp"];
        var fastJapanese = await ExternalProgram.RunAsync(native, japanese, environment, Probe.DemoServerFixture.Password + "\n", workingDirectory: _workingDirectory.Path);
        var toolJapanese = await Tool(environment, ["probe", .. japanese], Probe.DemoServerFixture.Password + "\n");
        Assert.Equal(toolJapanese.ExitCode, fastJapanese.ExitCode);
        Assert.Equal(Details(toolJapanese.Output), Details(fastJapanese.Output));

        var wrong = await ExternalProgram.RunAsync(native, [.. probe, "--json"], environment, "not the password\n", workingDirectory: _workingDirectory.Path);
        Assert.True(wrong.ExitCode == 1, wrong.Output + wrong.Error);
        var report = System.Text.Json.JsonDocument.Parse(wrong.Output).RootElement;
        Assert.Equal(("fail", "auth-failed"), (report.GetProperty("verdict").GetString(), report.GetProperty("diagnosis").GetString()));

        // Its settings are read and checked as the site reads them (here bound by generated code, not reflection).
        var broken = new Dictionary<string, string>(environment) { ["Submission__BudgetSeconds"] = "soon" };
        var refused = await ExternalProgram.RunAsync(native, probe, broken, Probe.DemoServerFixture.Password + "\n", workingDirectory: _workingDirectory.Path);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("'soon' at 'Submission:BudgetSeconds'", refused.Error, StringComparison.Ordinal);
        var misconfigured = await ExternalProgram.RunAsync(native, probe, new Dictionary<string, string>(environment) { ["Isp__MailDomain"] = "not a domain!" },
            Probe.DemoServerFixture.Password + "\n", workingDirectory: _workingDirectory.Path);
        Assert.Equal(2, misconfigured.ExitCode);
        Assert.StartsWith("Isp:MailDomain:", misconfigured.Error, StringComparison.Ordinal);

        static List<string> Details(string output) =>
            output.Split('\n').Select(l => System.Text.RegularExpressions.Regex.Replace(l, @"\s+\d+ ms\s", " ")).ToList();

        static List<string> Steps(string output) =>
            output.Split('\n').Where(l => l.StartsWith("  ", StringComparison.Ordinal)).Select(l => string.Join(' ', l.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(2))).ToList();
    }

    [Fact]
    public async Task Under_systemd_the_site_says_it_is_ready_once_started_and_stopping_when_told_to_stop()
    {
        var port = FreePort.Next();
        var environment = _deployment.EnvironmentFor(published.Folder, _state.Path, port);
        var migrate = await Tool(environment, ["migrate"]);
        Assert.True(migrate.ExitCode == 0, migrate.Output + migrate.Error);

        // systemd as far as the portal can tell: its parent process is named systemd, and NOTIFY_SOCKET names a socket
        // that systemd (this test) reads. The parent is a shell that hands SIGTERM on, as systemd's KillSignal does.
        using var notify = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Dgram, System.Net.Sockets.ProtocolType.Unspecified);
        var socketPath = _workingDirectory.File("notify.sock");
        notify.Bind(new System.Net.Sockets.UnixDomainSocketEndPoint(socketPath));
        var systemd = _workingDirectory.File("systemd");
        File.Copy("/bin/sh", systemd); // the copy keeps its execute bits
        environment["NOTIFY_SOCKET"] = socketPath;
        var script = $"trap 'kill -TERM $child' TERM; dotnet '{Path.Combine(published.Folder, "Portal.Web.dll")}' & child=$!; wait $child; wait $child";
        await using var site = ExternalProgram.Running.Start(ExternalProgram.StartInfo(systemd, ["-c", script], environment, _workingDirectory.Path));

        var ready = await ReceiveAsync(notify, site);
        using (var client = Behind_the_proxy(port))
        using (var health = await client.GetAsync("/healthz"))
            Assert.Equal(HttpStatusCode.OK, health.StatusCode); // ready means ready: it answers at once
        var exitCode = await site.StopAsync(TimeSpan.FromSeconds(30));
        var stopping = await ReceiveAsync(notify, site);

        Assert.Equal("READY=1", ready);
        Assert.Equal("STOPPING=1", stopping);
        Assert.True(exitCode == 0, $"exit code {exitCode}:{Environment.NewLine}{site.Output}");
    }

    private static async Task<string> ReceiveAsync(System.Net.Sockets.Socket socket, ExternalProgram.Running site)
    {
        var buffer = new byte[256];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            var length = await socket.ReceiveAsync(buffer, System.Net.Sockets.SocketFlags.None, timeout.Token);
            return System.Text.Encoding.ASCII.GetString(buffer, 0, length).Trim();
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"Nothing on NOTIFY_SOCKET within 60 s:{Environment.NewLine}{site.Output}");
        }
    }

    [Fact]
    public async Task Insecure_production_settings_are_refused_at_start_and_by_config_check_each_naming_its_key()
    {
        var port = FreePort.Next();
        var environment = _deployment.EnvironmentFor(published.Folder, _state.Path, port);
        environment.Remove("DataProtection__CertificateFile");
        environment.Remove("DataProtection__CertificatePassword");
        environment["ASPNETCORE_FORWARDEDHEADERS_ENABLED"] = "true";
        environment["ForwardedHeaders__KnownProxies__0"] = "nginx.example.jp";

        var start = await ExternalProgram.RunAsync("dotnet", [Path.Combine(published.Folder, "Portal.Web.dll")], environment, workingDirectory: _workingDirectory.Path);
        var check = await Tool(environment, ["config", "check"]);

        Assert.Equal(1, start.ExitCode);
        Assert.Equal(1, check.ExitCode);
        foreach (var output in new[] { start.Error, check.Output })
        {
            Assert.Contains("DataProtection:CertificateFile: is required outside Development (environment Production)", output, StringComparison.Ordinal);
            Assert.Contains("ASPNETCORE_FORWARDEDHEADERS_ENABLED: believes X-Forwarded-For from anyone who can reach the port", output, StringComparison.Ordinal);
            Assert.Contains("ForwardedHeaders:KnownProxies:0: 'nginx.example.jp' is not an IP address", output, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("   at ", start.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_state.Path, "portal.db")), "a refused start must not touch the database");
    }

    private Task<ExternalProgram.Result> Tool(Dictionary<string, string> environment, string[] args, string? input = null) =>
        ExternalProgram.RunAsync("dotnet", [Path.Combine(published.Folder, "portal.dll"), .. args], environment, input, workingDirectory: _workingDirectory.Path);

    /// <summary>Starts the published site as the unit does (from a working folder of its own) and waits until it answers.</summary>
    private async Task<ExternalProgram.Running> StartSiteAsync(Dictionary<string, string> environment, int port)
    {
        var site = ExternalProgram.Running.Start(ExternalProgram.StartInfo("dotnet", [Path.Combine(published.Folder, "Portal.Web.dll")], environment, _workingDirectory.Path));
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (site.HasExited)
            {
                await site.DisposeAsync();
                Assert.Fail($"The published site did not start:{Environment.NewLine}{site.Output}");
            }

            try
            {
                using var response = await probe.GetAsync(new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/healthz"));
                return site;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(200);
            }
            catch (TaskCanceledException)
            {
                await Task.Delay(200);
            }
        }

        await site.DisposeAsync();
        throw new TimeoutException($"The published site did not answer within 60 s:{Environment.NewLine}{site.Output}");
    }

    /// <summary>A client as nginx is one: from 127.0.0.1 (the listed proxy), saying the member came over HTTPS from their address.</summary>
    private static HttpClient Behind_the_proxy(int port)
    {
        var client = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}"),
        };
        client.DefaultRequestHeaders.Add("X-Forwarded-For", MemberAddress);
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        client.DefaultRequestHeaders.Host = "portal.example.jp";
        return client;
    }

    private static async Task<AngleSharp.Dom.IDocument> PageAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        await AssertPageAsync(response);
        return await PageReader.ParseAsync(response);
    }

    private static async Task AssertPageAsync(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.RequestMessage?.RequestUri}: {(int)response.StatusCode}{Environment.NewLine}{await response.Content.ReadAsStringAsync()}");
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        AssertSecurityHeaders(response);
    }

    /// <summary>The headers the README's "Deploying" lists, on a request that reached the site over HTTPS through the proxy.</summary>
    private static void AssertSecurityHeaders(HttpResponseMessage response)
    {
        string Header(string name) => string.Join(", ", response.Headers.TryGetValues(name, out var values) ? values : []);
        Assert.Equal("max-age=31536000; includeSubDomains", Header("Strict-Transport-Security"));
        Assert.Contains("default-src 'self'", Header("Content-Security-Policy"), StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", Header("Content-Security-Policy"), StringComparison.Ordinal);
        Assert.Equal("nosniff", Header("X-Content-Type-Options"));
        Assert.Equal("DENY", Header("X-Frame-Options"));
        Assert.Equal("no-referrer", Header("Referrer-Policy"));
        Assert.Equal("same-origin", Header("Cross-Origin-Opener-Policy"));
    }

    private static IEnumerable<string> Cookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [];

    private static string CookieHeader(HttpResponseMessage response) => string.Join("; ", Cookies(response).Select(c => c.Split(';')[0]));

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _state.Dispose();
        _workingDirectory.Dispose();
    }
}
