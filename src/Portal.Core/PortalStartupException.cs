namespace Portal.Core;

/// <summary>
/// Something the operator must fix before the portal can start (a file it cannot read, a port it cannot use).
/// The message says what and where; the host prints it and exits instead of starting half-way.
/// </summary>
public sealed class PortalStartupException(string message, Exception? inner = null) : Exception(message, inner);
