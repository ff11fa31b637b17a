using System.Net;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.AutoSetup;

/// <summary>The settings profile page: the address typed, the download link, and a QR code that opens the same download.</summary>
public sealed class AppleProfilePageTests
{
    [Fact]
    public async Task A_members_address_gives_a_download_link_and_a_QR_code_of_its_full_address()
    {
        await using var portal = MailSetup.Variations[0].Portal(new Dictionary<string, string?> { ["SupportLinks:PublicBaseUrl"] = "https://portal.example.jp" });
        using var client = portal.CreateClient();

        using var response = await client.GetAsync("/auto-setup/apple?culture=en&address=taro%40example.jp");
        var page = await PageReader.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        var download = page.QuerySelector("#profile-download")?.GetAttribute("href");
        Assert.Equal("/auto-setup/apple/profile?address=taro%40example.jp&culture=en", download);
        var image = page.QuerySelector("#profile-qr")?.GetAttribute("src");
        Assert.StartsWith("data:image/png;base64,", image, StringComparison.Ordinal);
        Assert.Equal($"https://portal.example.jp{download}", QrCodeReader.Read(Convert.FromBase64String(image!["data:image/png;base64,".Length..])));
        Assert.Contains("taro@example.jp", page.QuerySelector("#profile-qr")?.GetAttribute("alt"), StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("#profile-unsigned"));

        using var profile = await client.GetAsync(download);
        Assert.Equal("application/x-apple-aspen-config", profile.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_wrong_address_is_explained_and_nothing_is_offered()
    {
        await using var portal = MailSetup.Variations[0].Portal();
        using var client = portal.CreateClient();

        using var response = await client.GetAsync("/auto-setup/apple?culture=en&address=taro%40gmail.com");
        var page = await PageReader.ParseAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Enter your whole address at Sample Net, ending in @example.jp.", page.QuerySelector("#profile-problem")?.TextContent);
        Assert.Null(page.QuerySelector("#profile-download"));
        Assert.Null(page.QuerySelector("#profile-qr"));
        Assert.Equal("taro@gmail.com", page.QuerySelector("#profile-address")?.GetAttribute("value"));
    }

    [Fact]
    public async Task The_page_without_an_address_shows_only_the_form()
    {
        await using var portal = MailSetup.Variations[0].Portal();
        using var client = portal.CreateClient();

        var page = await PageReader.GetAsync(client, "/auto-setup/apple");

        Assert.NotNull(page.QuerySelector("form#profile-form[method=get] input#profile-address[name=address]"));
        Assert.Null(page.QuerySelector("#profile-problem"));
        Assert.Null(page.QuerySelector("#profile-ready"));
    }
}
