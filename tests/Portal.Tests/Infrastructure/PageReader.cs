using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace Portal.Tests.Infrastructure;

/// <summary>Reads portal pages the way a browser would, with AngleSharp.</summary>
public static class PageReader
{
    public static async Task<IDocument> ParseAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        var context = BrowsingContext.New(AngleSharp.Configuration.Default);
        return await context.OpenAsync(request => request.Content(html).Address(response.RequestMessage?.RequestUri?.ToString() ?? "http://localhost/"));
    }

    public static async Task<IDocument> GetAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        response.EnsureSuccessStatusCode();
        return await ParseAsync(response);
    }

    /// <summary>The hidden antiforgery token of the first form on the page.</summary>
    public static string AntiforgeryToken(IDocument page) =>
        page.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")?.Value
        ?? throw new InvalidOperationException("The page has no antiforgery token.");
}
