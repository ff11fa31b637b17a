using Portal.Core.SupportLinks;

namespace Portal.Web.Infrastructure;

/// <summary>The portal's address as members reach it: SupportLinks:PublicBaseUrl when set, else the address this request came to.</summary>
public static class PublicAddress
{
    public static Uri BaseUrl(SupportLinkOptions options, HttpRequest request) =>
        options.PublicBaseUrl is { Length: > 0 } configured ? new Uri(configured.TrimEnd('/') + "/") : new Uri($"{request.Scheme}://{request.Host}{request.PathBase}/");
}
