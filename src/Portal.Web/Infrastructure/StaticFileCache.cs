using System.Collections.Concurrent;
using System.IO.Compression;
using System.Security.Cryptography;
using Microsoft.AspNetCore.HttpsPolicy;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Portal.Web.Infrastructure;

/// <summary>
/// The static files (wwwroot) with the least work per request: each file is read once, compressed once (Brotli and gzip
/// at their smallest), hashed once, and its headers made once; a request for it is answered from memory right after the
/// forwarded headers are read, before the language, page and error middleware that only pages need. It carries what
/// every answer carries (<see cref="SecurityHeaders"/>, and HSTS over HTTPS outside Development); an address with the
/// file's fingerprint (<c>?v=</c>, as asp-append-version writes it) is kept a year, any other an hour.
/// </summary>
/// <remarks>
/// What it leaves to the rest of the pipeline (<c>UseStaticFiles</c> and the 404 page): a file that is not there, a type
/// with no known content type, a file over <see cref="MaxFileBytes"/>, an address that is not in plain form (<c>//</c>,
/// <c>/.</c>, <c>\</c>), range and If-Match/If-Unmodified-Since requests, and outside Development anything not over
/// HTTPS (which is redirected there). A file changed on disk is read again (the web root's change tokens).
/// </remarks>
public sealed class StaticFileCache
{
    /// <summary>Larger files are left to <c>UseStaticFiles</c>, which sends them from disk.</summary>
    internal const long MaxFileBytes = 1024 * 1024;

    private static readonly StringValues OneYear = "public, max-age=31536000, immutable";
    private static readonly StringValues OneHour = "public, max-age=3600";
    private static readonly StringValues AcceptEncoding = HeaderNames.AcceptEncoding;
    private static readonly StringValues Bytes = "bytes";
    private static readonly StringValues Brotli = "br";
    private static readonly StringValues Gzip = "gzip";

    private readonly IFileProvider _files;
    private readonly HashSet<string> _compressible;
    private readonly FileExtensionContentTypeProvider _types = new();
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly bool _httpsOnly;
    private readonly StringValues _hsts;
    private readonly string[] _hstsExcludedHosts;

    public StaticFileCache(IWebHostEnvironment environment, IOptions<ResponseCompressionOptions> compression, IOptions<HstsOptions> hsts)
    {
        _files = environment.WebRootFileProvider;
        _compressible = new HashSet<string>(compression.Value.MimeTypes ?? [], StringComparer.OrdinalIgnoreCase);
        // As UseHsts and UseHttpsRedirection do outside Development (PortalWebServices.UsePortalWeb).
        _httpsOnly = !environment.IsDevelopment();
        var h = hsts.Value;
        _hsts = $"max-age={(long)Math.Floor(h.MaxAge.TotalSeconds)}{(h.IncludeSubDomains ? "; includeSubDomains" : "")}{(h.Preload ? "; preload" : "")}";
        _hstsExcludedHosts = [.. h.ExcludedHosts];
    }

    public Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        if (!(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            || (_httpsOnly && !request.IsHttps)
            || request.Headers.Range.Count > 0 || request.Headers.IfRange.Count > 0
            || request.Headers.IfMatch.Count > 0 || request.Headers.IfUnmodifiedSince.Count > 0
            || Find(request.Path.Value) is not { } entry)
            return next(context);

        return ServeAsync(context, entry);
    }

    /// <summary>
    /// The file's fingerprint (asp-append-version's <c>v</c>: base64url SHA-256 of its bytes) when it is cached or can be;
    /// <c>UseStaticFiles</c> asks it too, so a year's caching always means the address names these bytes.
    /// </summary>
    internal string? VersionOf(string? path) => Find(path)?.Version;

    private Task ServeAsync(HttpContext context, Entry entry)
    {
        var request = context.Request;
        var response = context.Response;
        var headers = response.Headers;
        SecurityHeaders.Apply(headers);
        if (request.IsHttps && _httpsOnly && !IsHstsExcluded(request.Host.Host)) headers.StrictTransportSecurity = _hsts;
        headers.CacheControl = request.QueryString.HasValue && request.Query["v"] == entry.Version ? OneYear : OneHour;
        headers.LastModified = entry.LastModified;

        var (body, etag, encoding) = Choose(entry, request.Headers.AcceptEncoding);
        if (entry.Brotli is not null || entry.Gzip is not null) headers.Vary = AcceptEncoding;
        headers.ETag = etag;
        if (NotModified(request, etag.ToString(), entry))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }

        response.ContentType = entry.ContentType;
        if (encoding.Count > 0) headers.ContentEncoding = encoding;
        else headers.AcceptRanges = Bytes;
        response.ContentLength = body.Length;
        return HttpMethods.IsHead(request.Method) ? Task.CompletedTask : response.Body.WriteAsync(body, context.RequestAborted).AsTask();
    }

    private static (byte[] Body, StringValues ETag, StringValues Encoding) Choose(Entry entry, StringValues acceptEncoding)
    {
        if (acceptEncoding.Count == 0 || (entry.Brotli is null && entry.Gzip is null)) return (entry.Identity, entry.IdentityETag, default);
        if (!StringWithQualityHeaderValue.TryParseList(acceptEncoding, out var accepted)) return (entry.Identity, entry.IdentityETag, default);
        double? br = null, gzip = null, any = null;
        foreach (var coding in accepted)
        {
            var quality = coding.Quality ?? 1;
            if (StringSegment.Equals(coding.Value, "br", StringComparison.OrdinalIgnoreCase)) br = quality;
            else if (StringSegment.Equals(coding.Value, "gzip", StringComparison.OrdinalIgnoreCase)) gzip = quality;
            else if (coding.Value == "*") any = quality;
        }

        var (brQuality, gzipQuality) = (entry.Brotli is null ? 0 : br ?? any ?? 0, entry.Gzip is null ? 0 : gzip ?? any ?? 0);
        if (brQuality > 0 && brQuality >= gzipQuality) return (entry.Brotli!, entry.BrotliETag, Brotli);
        if (gzipQuality > 0) return (entry.Gzip!, entry.GzipETag, Gzip);
        return (entry.Identity, entry.IdentityETag, default);
    }

    /// <summary>If-None-Match (weak comparison) decides when present; else If-Modified-Since.</summary>
    private static bool NotModified(HttpRequest request, string etag, Entry entry)
    {
        var ifNoneMatch = request.Headers.IfNoneMatch;
        if (ifNoneMatch.Count > 0)
        {
            foreach (var list in ifNoneMatch)
            {
                foreach (var candidate in (list ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                {
                    var tag = candidate.StartsWith("W/", StringComparison.Ordinal) ? candidate[2..] : candidate;
                    if (tag == "*" || tag == etag) return true;
                }
            }

            return false;
        }

        return HeaderUtilities.TryParseDate(request.Headers.IfModifiedSince.ToString(), out var since) && since >= entry.LastModifiedAt;
    }

    private bool IsHstsExcluded(string host)
    {
        foreach (var excluded in _hstsExcludedHosts)
        {
            if (string.Equals(host, excluded, StringComparison.OrdinalIgnoreCase)) return true;
        }

        return false;
    }

    private Entry? Find(string? path)
    {
        if (string.IsNullOrEmpty(path) || path[0] != '/' || path.Contains("//", StringComparison.Ordinal) || path.Contains("/.", StringComparison.Ordinal)
            || path.Contains('\\', StringComparison.Ordinal))
            return null;
        if (_entries.TryGetValue(path, out var entry) && !entry.Changed.HasChanged) return entry;
        // Only known types, as UseStaticFiles: a page address (no extension) never touches the disk here.
        if (!_types.TryGetContentType(path, out var contentType)) return null;
        var loaded = Load(path, contentType);
        if (loaded is null) _entries.TryRemove(path, out _);
        else _entries[path] = loaded;
        return loaded;
    }

    private Entry? Load(string path, string contentType)
    {
        // Watched before reading: a change during the read makes the next request read again.
        var changed = _files.Watch(path);
        var file = _files.GetFileInfo(path);
        if (!file.Exists || file.IsDirectory || file.Length > MaxFileBytes) return null;
        byte[] bytes;
        using (var stream = file.CreateReadStream())
        using (var copy = new MemoryStream((int)file.Length))
        {
            stream.CopyTo(copy);
            bytes = copy.ToArray();
        }

        var version = WebEncoders.Base64UrlEncode(SHA256.HashData(bytes));
        var compress = _compressible.Contains(contentType);
        var lastModified = file.LastModified;
        // Whole seconds, as HTTP dates are.
        lastModified = new DateTimeOffset(lastModified.Year, lastModified.Month, lastModified.Day, lastModified.Hour, lastModified.Minute, lastModified.Second, lastModified.Offset).ToUniversalTime();
        return new Entry(contentType, bytes, compress ? Smaller(bytes, BrotliBytes(bytes)) : null, compress ? Smaller(bytes, GzipBytes(bytes)) : null,
            version, lastModified, changed);
    }

    private static byte[]? Smaller(byte[] original, byte[] compressed) => compressed.Length < original.Length ? compressed : null;

    private static byte[] BrotliBytes(byte[] bytes)
    {
        var buffer = new byte[BrotliEncoder.GetMaxCompressedLength(bytes.Length)];
        return BrotliEncoder.TryCompress(bytes, buffer, out var written, quality: 11, window: 22) ? buffer[..written] : bytes;
    }

    private static byte[] GzipBytes(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true)) gzip.Write(bytes);
        return output.ToArray();
    }

    /// <summary>One file as it is sent: its bytes, compressed forms, validators and the token that says it changed.</summary>
    private sealed class Entry(string contentType, byte[] identity, byte[]? brotli, byte[]? gzip, string version, DateTimeOffset lastModified, IChangeToken changed)
    {
        public string ContentType { get; } = contentType;
        public byte[] Identity { get; } = identity;
        public byte[]? Brotli { get; } = brotli;
        public byte[]? Gzip { get; } = gzip;
        public string Version { get; } = version;
        public DateTimeOffset LastModifiedAt { get; } = lastModified;
        public StringValues LastModified { get; } = HeaderUtilities.FormatDate(lastModified);

        // A strong validator per representation (the compressed bytes differ), made from the content, so nodes agree.
        public StringValues IdentityETag { get; } = $"\"{version}\"";
        public StringValues BrotliETag { get; } = $"\"{version}-br\"";
        public StringValues GzipETag { get; } = $"\"{version}-gz\"";
        public IChangeToken Changed { get; } = changed;
    }
}
