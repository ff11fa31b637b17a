using System.Security.Cryptography;
using System.Text;

namespace Portal.Core.Data;

/// <summary>
/// A one-way key for counting per account or per address: the tables that count do not hold the name or the address
/// itself. It is an unkeyed hash, so it keeps them out of sight, not out of reach of someone who guesses (an IPv4
/// address can be found by trying them all).
/// </summary>
public static class OneWayKey
{
    public static string Of(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
}
