namespace Portal.Web.Infrastructure;

/// <summary>The client's address as every per-IP limit counts it (behind a proxy, through ForwardedHeaders).</summary>
public static class ClientIp
{
    /// <summary>An IPv6 client is its /64: one ordinary IPv6 connection has the whole /64 to pick addresses from.</summary>
    public static string Of(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress;
        if (address is null) return "unknown";
        if (address.IsIPv4MappedToIPv6) return address.MapToIPv4().ToString();
        if (address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6) return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return $"{new System.Net.IPAddress(bytes)}/64";
    }
}
