using System.Security.Cryptography;
using System.Text;

namespace Portal.Core.Data;

/// <summary>A one-way key for counting per account or per address: the tables that count never hold the name or the address.</summary>
public static class OneWayKey
{
    public static string Of(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
}
