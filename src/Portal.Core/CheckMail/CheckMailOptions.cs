namespace Portal.Core.CheckMail;

/// <summary>How the portal reads a member's test message: whose Received hops to trust and how to learn the port, bound from "CheckMail".</summary>
public sealed class CheckMailOptions
{
    public const string Section = "CheckMail";

    /// <summary>The ISP's own mail servers, as they name themselves in the "by" clause of Received. Empty: the submission host.</summary>
    public string[]? OurHosts { get; set; }

    /// <summary>A header the ISP's submission listener adds with the port it received on (e.g. a Postfix PREPEND); the first number in it is the port.</summary>
    public string? PortHeader { get; set; }

    /// <summary>Where no port header exists: the port of the listener each "by" host name belongs to.</summary>
    public Dictionary<string, int> PortByHost { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
