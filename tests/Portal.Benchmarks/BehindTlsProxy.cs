using System.Collections.Concurrent;

namespace Portal.Benchmarks;

/// <summary>
/// A client as members reach the portal in production: through a TLS-terminating proxy on 127.0.0.1, which says the
/// request came over HTTPS (X-Forwarded-Proto, believed because BenchPortal lists 127.0.0.1 under
/// ForwardedHeaders:KnownProxies), and keeping the portal's cookies as the browser behind the proxy would: outside
/// Development they are Secure, and a cookie container would not send them over the plain-HTTP hop to Kestrel.
/// </summary>
internal sealed class BehindTlsProxy(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    private readonly ConcurrentDictionary<string, string> _cookies = new(StringComparer.Ordinal);

    public static HttpClient Client(Uri address, int maxConnectionsPerServer = 2) =>
        new(new BehindTlsProxy(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false, MaxConnectionsPerServer = maxConnectionsPerServer }))
        {
            BaseAddress = address,
            Timeout = TimeSpan.FromMinutes(2),
        };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Add("X-Forwarded-For", "127.0.0.1");
        request.Headers.Add("X-Forwarded-Proto", "https");
        if (!_cookies.IsEmpty) request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
        var response = await base.SendAsync(request, cancellationToken);
        if (response.Headers.TryGetValues("Set-Cookie", out var cookies))
        {
            foreach (var pair in cookies.Select(c => c.Split(';')[0]))
            {
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                if (equals > 0) _cookies[pair[..equals]] = pair[(equals + 1)..];
            }
        }

        return response;
    }
}
