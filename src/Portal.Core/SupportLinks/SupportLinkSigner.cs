using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;

namespace Portal.Core.SupportLinks;

/// <summary>
/// What a support link carries: which link, whose values, which guide, until when. Never a password. The program is
/// "Client" inside the signed payload, as in the links already sent.
/// </summary>
public sealed record SupportLinkTicket(Guid Id, long? MemberId, string Address, [property: JsonPropertyName("Client")] string Program, string Language, DateTimeOffset ExpiresAt);

public abstract record LinkCheck
{
    public sealed record Valid(SupportLinkTicket Ticket) : LinkCheck;

    public sealed record Expired(SupportLinkTicket Ticket) : LinkCheck;

    /// <summary>Tampered with, cut short, or signed for another purpose or by another key ring.</summary>
    public sealed record Invalid : LinkCheck;
}

/// <summary>
/// Signs support links with Data Protection under a purpose of their own (the key ring lives in the database, so
/// every node reads every link). The expiry is inside the signed payload and checked against the portal's clock.
/// </summary>
public sealed class SupportLinkSigner(IDataProtectionProvider protection, TimeProvider time)
{
    public const string Purpose = "Portal.SupportLinks.v1";

    private readonly IDataProtector _protector = protection.CreateProtector(Purpose);

    public string Sign(SupportLinkTicket ticket) =>
        WebEncoders.Base64UrlEncode(_protector.Protect(JsonSerializer.SerializeToUtf8Bytes(ticket)));

    public LinkCheck Read(string token)
    {
        SupportLinkTicket? ticket;
        try
        {
            ticket = JsonSerializer.Deserialize<SupportLinkTicket>(_protector.Unprotect(WebEncoders.Base64UrlDecode(token)));
        }
        catch (Exception e) when (e is CryptographicException or FormatException or JsonException)
        {
            return new LinkCheck.Invalid();
        }

        if (ticket is null) return new LinkCheck.Invalid();
        return ticket.ExpiresAt <= time.GetUtcNow() ? new LinkCheck.Expired(ticket) : new LinkCheck.Valid(ticket);
    }
}
