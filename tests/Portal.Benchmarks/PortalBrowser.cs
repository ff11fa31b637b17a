using System.Diagnostics;
using System.Text.Json;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace Portal.Benchmarks;

/// <summary>How one POST /test/run ended, read from its last NDJSON line.</summary>
internal enum RunEnd { Done, Busy, Problem, HttpError, Broken }

/// <summary>One POST /test/run: how it ended, how long it took, and the time the probe itself reported for its steps.</summary>
internal sealed record ProbeRun(RunEnd End, double Ms, double StepsMs, string Detail)
{
    public bool Passed => End == RunEnd.Done && Detail is "pass" or "warn";
}

/// <summary>
/// Talks to the portal like the page's script: one cookie jar (antiforgery cookie), the hidden token from GET /test,
/// then POST /test/run read as newline-delimited JSON to the end of the stream.
/// </summary>
internal sealed class PortalBrowser : IDisposable
{
    private readonly HttpClient _http;
    private readonly string _busyText;
    private string _token = "";

    private PortalBrowser(Uri address, string busyText)
    {
        _busyText = busyText;
        // Enough connections for the concurrency run to put every request on the wire at once.
        _http = BehindTlsProxy.Client(address, maxConnectionsPerServer: int.MaxValue);
    }

    /// <summary>Opens the page once for the antiforgery cookie and token; both are reused for every probe after.</summary>
    public static async Task<PortalBrowser> OpenAsync(Uri address, string busyText, CancellationToken cancellationToken)
    {
        var browser = new PortalBrowser(address, busyText);
        try
        {
            var html = await browser._http.GetStringAsync(new Uri("/test?culture=en", UriKind.Relative), cancellationToken);
            var page = await BrowsingContext.New(Configuration.Default).OpenAsync(r => r.Content(html), cancellationToken);
            browser._token = page.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")?.Value
                ?? throw new InvalidOperationException("GET /test returned a page without an antiforgery token.");
            return browser;
        }
        catch
        {
            browser.Dispose();
            throw;
        }
    }

    public async Task<ProbeRun> ProbeAsync(string account, string password, CancellationToken cancellationToken)
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = _token, ["Account"] = account, ["Password"] = password, ["client"] = "",
        });

        var clock = Stopwatch.StartNew();
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/test/run?culture=en", UriKind.Relative)) { Content = form };
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (!response.IsSuccessStatusCode) return new ProbeRun(RunEnd.HttpError, clock.Elapsed.TotalMilliseconds, 0, $"HTTP {(int)response.StatusCode}");

            // Read line by line as the page's script does; the run is over when the server ends the stream.
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
            var stepsMs = 0.0;
            JsonElement? last = null;
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                if (line.Length == 0) continue;
                using var document = JsonDocument.Parse(line);
                var element = document.RootElement;
                if (element.GetProperty("type").GetString() == "step") stepsMs += element.GetProperty("ms").GetDouble();
                last = element.Clone();
            }

            var ms = clock.Elapsed.TotalMilliseconds;
            return last?.GetProperty("type").GetString() switch
            {
                "done" => new ProbeRun(RunEnd.Done, ms, stepsMs, last.Value.GetProperty("verdict").GetString() ?? ""),
                "problem" when last.Value.GetProperty("message").GetString() == _busyText => new ProbeRun(RunEnd.Busy, ms, stepsMs, "busy"),
                "problem" => new ProbeRun(RunEnd.Problem, ms, stepsMs, last.Value.GetProperty("message").GetString() ?? ""),
                _ => new ProbeRun(RunEnd.Broken, ms, stepsMs, "the stream ended without a done or problem line"),
            };
        }
        catch (Exception e) when (e is HttpRequestException or IOException or JsonException or KeyNotFoundException or TaskCanceledException)
        {
            return new ProbeRun(RunEnd.Broken, clock.Elapsed.TotalMilliseconds, 0, e.GetType().Name);
        }
    }

    public void Dispose() => _http.Dispose();
}
