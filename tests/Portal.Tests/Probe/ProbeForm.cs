using Portal.Tests.Infrastructure;

namespace Portal.Tests.Probe;

/// <summary>The "Test my settings" form as a browser posts it: the antiforgery token from the page, then the fields.</summary>
internal static class ProbeForm
{
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string account, string password, string? program = null,
        string url = "/test?culture=en", bool sendTestMessage = false, string? otherHost = null, string? otherPort = null)
    {
        var token = PageReader.AntiforgeryToken(await PageReader.GetAsync(client, url));
        var form = Fields(token, account, password, program);
        if (sendTestMessage) form["SendTestMessage"] = "true";
        if (otherHost is not null) form["OtherHost"] = otherHost;
        if (otherPort is not null) form["OtherPort"] = otherPort;
        return await client.PostAsync(url, new FormUrlEncodedContent(form));
    }

    public static Dictionary<string, string> Fields(string token, string account, string password, string? program = null) => new()
    {
        ["__RequestVerificationToken"] = token, ["Account"] = account, ["Password"] = password, ["client"] = program ?? "",
    };
}
