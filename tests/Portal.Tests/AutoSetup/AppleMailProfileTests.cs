using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.AspNetCore.Mvc.Testing;
using Portal.Core.Configuration;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.AutoSetup;

/// <summary>The settings profile download, read back as a property list (and, when signed, as CMS SignedData).</summary>
public sealed class AppleMailProfileTests
{
    private const string ProfilePath = "/auto-setup/apple/profile";

    [Theory]
    [MemberData(nameof(MailSetup.Indexes), MemberType = typeof(MailSetup))]
    public async Task The_profile_sets_up_the_members_account_with_the_configured_servers_and_no_password(int variation)
    {
        var setup = MailSetup.Variations[variation];
        await using var portal = setup.Portal();
        using var client = portal.CreateClient();

        using var response = await client.GetAsync($"{ProfilePath}?address=jiro.suzuki%40example.jp");
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-apple-aspen-config", response.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith(".mobileconfig", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'), StringComparison.Ordinal);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        var profile = PropertyList.Read(bytes);
        Assert.Equal("Configuration", profile["PayloadType"]);
        Assert.Equal(1L, profile["PayloadVersion"]);
        Assert.True(Guid.TryParse((string)profile["PayloadUUID"], out _));
        var mail = Assert.IsType<Dictionary<string, object>>(Assert.Single((List<object>)profile["PayloadContent"]));
        Assert.Equal("com.apple.mail.managed", mail["PayloadType"]);
        Assert.StartsWith((string)profile["PayloadIdentifier"], (string)mail["PayloadIdentifier"], StringComparison.Ordinal);
        Assert.Equal(setup.Protocol == IncomingProtocol.Imap ? "EmailTypeIMAP" : "EmailTypePOP", mail["EmailAccountType"]);
        Assert.Equal("jiro.suzuki@example.jp", mail["EmailAddress"]);
        var user = setup.UserFor("jiro.suzuki@example.jp");
        Assert.Equal(setup.IncomingHost, mail["IncomingMailServerHostName"]);
        Assert.Equal((long)setup.IncomingPort, mail["IncomingMailServerPortNumber"]);
        Assert.Equal(setup.IncomingSecurity != ConnectionSecurity.None, mail["IncomingMailServerUseSSL"]);
        Assert.Equal(user, mail["IncomingMailServerUsername"]);
        Assert.Equal("EmailAuthPassword", mail["IncomingMailServerAuthentication"]);
        Assert.Equal(setup.SubmissionHost, mail["OutgoingMailServerHostName"]);
        Assert.Equal((long)setup.SubmissionPort, mail["OutgoingMailServerPortNumber"]);
        Assert.Equal(setup.SubmissionSecurity != ConnectionSecurity.None, mail["OutgoingMailServerUseSSL"]);
        Assert.Equal(user, mail["OutgoingMailServerUsername"]);
        Assert.Equal("EmailAuthPassword", mail["OutgoingMailServerAuthentication"]);
        Assert.Equal(true, mail["OutgoingPasswordSameAsIncomingPassword"]);
        // No password: the device asks for it while installing.
        Assert.DoesNotContain(mail.Keys, k => k.Contains("Password", StringComparison.Ordinal) && k != "OutgoingPasswordSameAsIncomingPassword");
    }

    [Fact]
    public async Task Each_download_is_a_fresh_profile_that_replaces_the_members_last_one()
    {
        await using var portal = MailSetup.Variations[0].Portal();
        using var client = portal.CreateClient();

        var first = PropertyList.Read(await client.GetByteArrayAsync($"{ProfilePath}?address=taro%40example.jp"));
        var second = PropertyList.Read(await client.GetByteArrayAsync($"{ProfilePath}?address=taro%40example.jp"));
        var other = PropertyList.Read(await client.GetByteArrayAsync($"{ProfilePath}?address=hanako%40example.jp"));

        Assert.NotEqual(first["PayloadUUID"], second["PayloadUUID"]);
        Assert.NotEqual(Mail(first)["PayloadUUID"], Mail(second)["PayloadUUID"]);
        Assert.Equal(first["PayloadIdentifier"], second["PayloadIdentifier"]);
        Assert.NotEqual(first["PayloadIdentifier"], other["PayloadIdentifier"]);
        Assert.StartsWith("jp.example.", (string)first["PayloadIdentifier"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_demo_accounts_password_is_never_in_a_profile()
    {
        await using var portal = new PortalFactory();
        using var client = portal.CreateClient();

        var bytes = await client.GetByteArrayAsync($"{ProfilePath}?address=demo%40example.jp");

        Assert.DoesNotContain("demo-587-pass", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
        Assert.Equal("127.0.0.1", Mail(PropertyList.Read(bytes))["OutgoingMailServerHostName"]);
    }

    [Theory]
    [InlineData("taro%40example.com")]
    [InlineData("")]
    public async Task An_address_that_is_not_the_ISPs_goes_back_to_the_form(string address)
    {
        await using var portal = MailSetup.Variations[0].Portal();
        using var client = portal.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = PortalFactory.Https, AllowAutoRedirect = false });

        using var response = await client.GetAsync($"{ProfilePath}?address={address}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/auto-setup/apple?address={address}", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task With_a_signing_certificate_the_profile_is_signed_CMS_that_verifies_and_holds_the_profile()
    {
        using var folder = new TempFolder();
        using var certificate = SigningCertificate(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        await File.WriteAllBytesAsync(folder.File("signing.pfx"), certificate.Export(X509ContentType.Pkcs12, "pfx-password"));
        await using var portal = MailSetup.Variations[1].Portal(new Dictionary<string, string?>
        {
            ["AutoSetup:ProfileSigningCertificateFile"] = folder.File("signing.pfx"),
            ["AutoSetup:ProfileSigningCertificatePassword"] = "pfx-password",
        });
        using var client = portal.CreateClient();

        var bytes = await client.GetByteArrayAsync($"{ProfilePath}?address=taro%40example.jp");

        var signed = new SignedCms();
        signed.Decode(bytes);
        signed.CheckSignature(verifySignatureOnly: true);
        Assert.False(signed.Detached);
        var signer = Assert.Single(signed.SignerInfos.Cast<SignerInfo>());
        Assert.Equal(certificate.Thumbprint, signer.Certificate?.Thumbprint);
        var profile = PropertyList.Read(signed.ContentInfo.Content);
        Assert.Equal("taro@example.jp", Mail(profile)["EmailAddress"]);
        Assert.Equal("taro", Mail(profile)["IncomingMailServerUsername"]);
    }

    [Fact]
    public async Task Without_a_signing_certificate_the_profile_is_plain_XML()
    {
        await using var portal = MailSetup.Variations[0].Portal();
        using var client = portal.CreateClient();

        var bytes = await client.GetByteArrayAsync($"{ProfilePath}?address=taro%40example.jp");

        Assert.StartsWith("<?xml", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
    }

    internal static X509Certificate2 SigningCertificate(DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=Sample Net profile signing", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return request.CreateSelfSigned(notBefore, notAfter);
    }

    private static Dictionary<string, object> Mail(Dictionary<string, object> profile) =>
        (Dictionary<string, object>)((List<object>)profile["PayloadContent"])[0];
}
