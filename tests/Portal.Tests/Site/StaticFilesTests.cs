using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Mvc.Testing;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Site;

/// <summary>
/// Static files are answered from memory before the page middleware (Infrastructure/StaticFileCache.cs), and still carry
/// everything an answer must: the security headers, HSTS over HTTPS, the right caching for their address, validators,
/// and Brotli or gzip made once; what the cache leaves (a range) still works.
/// </summary>
public sealed class StaticFilesTests(StaticFilesTests.Portal portal) : IClassFixture<StaticFilesTests.Portal>
{
    public sealed class Portal : PortalFactory;

    private static readonly byte[] Stylesheet = File.ReadAllBytes(Path.Combine(global::Portal.Core.Configuration.PortalPaths.Locate().WebRoot, "css", "site.css"));

    private HttpClient Client() => portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://portal.example.jp") });

    private async Task<string> FingerprintedStylesheetAsync(HttpClient client) =>
        (await PageReader.GetAsync(client, "/?culture=en")).QuerySelector("link[rel=stylesheet][href^='/css/site.css']")!.GetAttribute("href")!;

    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string path, Action<HttpRequestMessage>? with = null, HttpMethod? method = null)
    {
        var request = new HttpRequestMessage(method ?? HttpMethod.Get, path);
        with?.Invoke(request);
        return await client.SendAsync(request);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task The_stylesheet_comes_whole_in_each_encoding_with_the_security_headers_and_hsts(string? encoding)
    {
        using var client = Client();
        var href = await FingerprintedStylesheetAsync(client);

        using var response = await GetAsync(client, href, r => { if (encoding is not null) r.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(encoding)); });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/css", response.Content.Headers.ContentType?.MediaType);
        SmokeTests.AssertSecurityHeaders(response);
        Assert.Equal("max-age=31536000; includeSubDomains", Assert.Single(response.Headers.GetValues("Strict-Transport-Security")));
        Assert.Equal(TimeSpan.FromDays(365), response.Headers.CacheControl!.MaxAge);
        Assert.Contains("immutable", response.Headers.CacheControl.ToString(), StringComparison.Ordinal);
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
        Assert.NotNull(response.Headers.ETag);
        Assert.NotNull(response.Content.Headers.LastModified);
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(body.Length, response.Content.Headers.ContentLength);
        Assert.Equal(encoding is null ? [] : [encoding], response.Content.Headers.ContentEncoding);
        Assert.Equal(Stylesheet, encoding switch
        {
            "br" => Decompress(body, s => new BrotliStream(s, CompressionMode.Decompress)),
            "gzip" => Decompress(body, s => new GZipStream(s, CompressionMode.Decompress)),
            _ => body,
        });
        if (encoding is not null) Assert.True(body.Length < Stylesheet.Length / 2, $"{encoding}: {body.Length} bytes of {Stylesheet.Length}");
    }

    [Fact]
    public async Task An_address_without_the_files_own_fingerprint_is_kept_an_hour_not_a_year()
    {
        using var client = Client();

        using var plain = await GetAsync(client, "/css/site.css");
        using var wrong = await GetAsync(client, "/css/site.css?v=not-this-files-hash");

        Assert.Equal(TimeSpan.FromHours(1), plain.Headers.CacheControl!.MaxAge);
        Assert.Equal(TimeSpan.FromHours(1), wrong.Headers.CacheControl!.MaxAge);
        Assert.DoesNotContain("immutable", wrong.Headers.CacheControl.ToString(), StringComparison.Ordinal);
        SmokeTests.AssertSecurityHeaders(wrong);
    }

    [Fact]
    public async Task A_browser_holding_the_file_gets_a_304_with_the_headers_and_no_body()
    {
        using var client = Client();
        var href = await FingerprintedStylesheetAsync(client);
        using var first = await GetAsync(client, href, r => r.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("br")));

        using var again = await GetAsync(client, href, r =>
        {
            r.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("br"));
            r.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        });
        using var byDate = await GetAsync(client, href, r => r.Headers.IfModifiedSince = first.Content.Headers.LastModified);
        using var otherEncoding = await GetAsync(client, href, r => r.Headers.IfNoneMatch.Add(first.Headers.ETag!));

        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        Assert.Empty(await again.Content.ReadAsByteArrayAsync());
        Assert.Equal(first.Headers.ETag, again.Headers.ETag);
        SmokeTests.AssertSecurityHeaders(again);
        Assert.Equal(HttpStatusCode.NotModified, byDate.StatusCode);
        // The Brotli bytes' validator does not stand for the uncompressed bytes.
        Assert.Equal(HttpStatusCode.OK, otherEncoding.StatusCode);
    }

    [Fact]
    public async Task Head_says_the_length_without_the_body_and_a_range_is_still_served()
    {
        using var client = Client();

        using var head = await GetAsync(client, "/css/site.css", method: HttpMethod.Head);
        using var range = await GetAsync(client, "/css/site.css", r => r.Headers.Range = new RangeHeaderValue(0, 9));

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(Stylesheet.Length, head.Content.Headers.ContentLength);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.PartialContent, range.StatusCode);
        Assert.Equal(Stylesheet[..10], await range.Content.ReadAsByteArrayAsync());
        SmokeTests.AssertSecurityHeaders(range);
    }

    [Theory]
    [InlineData("/css/no-such.css")]
    [InlineData("/css//site.css")]
    [InlineData("/css/../css/site.css")]
    public async Task A_missing_file_or_an_address_not_in_plain_form_is_not_served_from_memory(string path)
    {
        using var client = Client();

        using var response = await GetAsync(client, path);

        // The rest of the pipeline answers: the language-aware 404 page, or the file from disk (same bytes) for a path Kestrel normalises.
        if (response.StatusCode == HttpStatusCode.OK) Assert.Equal(Stylesheet, await response.Content.ReadAsByteArrayAsync());
        else Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        SmokeTests.AssertSecurityHeaders(response);
    }

    [Fact]
    public async Task Outside_development_plain_http_is_still_redirected_to_https()
    {
        using var https = new PortalFactory(new Dictionary<string, string?> { ["https_port"] = "443" });
        using var client = https.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("http://portal.example.jp") });

        using var response = await client.GetAsync("/css/site.css");

        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        Assert.Equal("https://portal.example.jp/css/site.css", response.Headers.Location?.ToString());
    }

    private static byte[] Decompress(byte[] body, Func<Stream, Stream> decompressor)
    {
        using var output = new MemoryStream();
        using (var stream = decompressor(new MemoryStream(body))) stream.CopyTo(output);
        return output.ToArray();
    }
}
