using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Time.Testing;
using Portal.Core.SupportLinks;

namespace Portal.Tests.SupportLinks;

/// <summary>Support links are signed for their purpose, expire on the portal's clock, and no changed byte gets through.</summary>
public sealed class SupportLinkSignerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);

    private static readonly IDataProtectionProvider Keys = new EphemeralDataProtectionProvider();

    private static SupportLinkTicket Ticket => new(Guid.NewGuid(), 42, "taro@example.jp", "becky-2", "ja", Now.AddDays(30));

    [Fact]
    public void A_signed_link_reads_back_until_it_expires()
    {
        var clock = new FakeTimeProvider(Now);
        var signer = new SupportLinkSigner(Keys, clock);
        var ticket = Ticket;

        var token = signer.Sign(ticket);

        Assert.Matches("^[A-Za-z0-9_-]+$", token);
        Assert.DoesNotContain("taro", token, StringComparison.Ordinal);
        Assert.Equal(ticket, Assert.IsType<LinkCheck.Valid>(signer.Read(token)).Ticket);
        clock.Advance(TimeSpan.FromDays(30).Subtract(TimeSpan.FromSeconds(1)));
        Assert.IsType<LinkCheck.Valid>(signer.Read(token));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(ticket, Assert.IsType<LinkCheck.Expired>(signer.Read(token)).Ticket);
    }

    [Fact]
    public void Changing_any_byte_of_a_link_makes_it_invalid()
    {
        var signer = new SupportLinkSigner(Keys, new FakeTimeProvider(Now));
        var bytes = WebEncoders.Base64UrlDecode(signer.Sign(Ticket));

        for (var i = 0; i < bytes.Length; i++)
        {
            var tampered = (byte[])bytes.Clone();
            tampered[i] ^= 0x01;
            Assert.IsType<LinkCheck.Invalid>(signer.Read(WebEncoders.Base64UrlEncode(tampered)));
        }

        Assert.IsType<LinkCheck.Invalid>(signer.Read(WebEncoders.Base64UrlEncode(bytes[..^1])));
        Assert.IsType<LinkCheck.Invalid>(signer.Read("not base64 at all!"));
        Assert.IsType<LinkCheck.Invalid>(signer.Read(""));
    }

    [Fact]
    public void A_payload_protected_for_another_purpose_or_by_another_key_ring_is_refused()
    {
        var signer = new SupportLinkSigner(Keys, new FakeTimeProvider(Now));
        var payload = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(Ticket);

        var otherPurpose = WebEncoders.Base64UrlEncode(Keys.CreateProtector("Portal.Something.Else").Protect(payload));
        var otherKeys = new SupportLinkSigner(new EphemeralDataProtectionProvider(), new FakeTimeProvider(Now)).Sign(Ticket);

        Assert.IsType<LinkCheck.Invalid>(signer.Read(otherPurpose));
        Assert.IsType<LinkCheck.Invalid>(signer.Read(otherKeys));
    }

    [Fact]
    public void A_link_already_in_a_members_mailbox_still_opens_its_program_after_the_code_says_program()
    {
        // The payload exactly as links were signed before "client" became "program" in the code.
        const string sentEarlier = """{"Id":"5f0c6c1e-4d0e-4b8e-9a55-6a3f1e1c2d3b","MemberId":42,"Address":"taro@example.jp","Client":"becky-2","Language":"ja","ExpiresAt":"2026-12-28T09:00:00+00:00"}""";
        var token = WebEncoders.Base64UrlEncode(Keys.CreateProtector(SupportLinkSigner.Purpose).Protect(System.Text.Encoding.UTF8.GetBytes(sentEarlier)));

        var ticket = Assert.IsType<LinkCheck.Valid>(new SupportLinkSigner(Keys, new FakeTimeProvider(Now)).Read(token)).Ticket;

        Assert.Equal(("becky-2", 42L, "ja"), (ticket.Program, ticket.MemberId!.Value, ticket.Language));
    }
}
