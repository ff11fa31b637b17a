using System.Net;
using System.Net.NetworkInformation;
using Microsoft.Extensions.Options;
using Portal.Core.Probe;

namespace Portal.Tests.Probe;

public sealed class OtherProviderPolicyTests
{
    private static OtherProviderPolicy Policy(bool enabled = true, string[]? allowed = null, params IPAddress[] resolvesTo) =>
        new(Options.Create(new ProbeOptions { OtherProviders = new OtherProviderProbes { Enabled = enabled, AllowedHosts = allowed ?? [] } }),
            (_, _) => Task.FromResult(resolvesTo));

    [Fact]
    public async Task A_name_typed_in_Japanese_is_looked_up_and_allowed_in_its_ASCII_form()
    {
        var asked = new List<string>();
        var policy = new OtherProviderPolicy(
            Options.Create(new ProbeOptions { OtherProviders = new OtherProviderProbes { Enabled = true, AllowedHosts = ["メール.例え.テスト"] } }),
            (host, _) =>
            {
                asked.Add(host);
                return Task.FromResult(new[] { IPAddress.Parse("10.0.0.25") });
            });

        var (addresses, refusal) = await policy.CheckAsync("メール.例え.テスト.", 587, CancellationToken.None);

        Assert.Null(refusal); // a private address, allowed by its name however the operator wrote it
        Assert.Equal([IPAddress.Parse("10.0.0.25")], addresses);
        Assert.Equal(["xn--4dkua4c.xn--r8jz45g.xn--zckzah"], asked);
    }

    [Fact]
    public async Task Off_by_default()
    {
        Assert.False(new OtherProviderPolicy(Options.Create(new ProbeOptions())).Enabled);
        Assert.Equal("Probe.Error.OtherProvidersOff", (await Policy(enabled: false).CheckAsync("smtp.other.example", 587, CancellationToken.None)).Refusal);
    }

    [Theory]
    [InlineData(25)]
    [InlineData(2525)]
    [InlineData(22)]
    public async Task Only_the_submission_ports(int port)
    {
        Assert.Equal("Probe.Error.OtherPort", (await Policy(resolvesTo: IPAddress.Parse("203.0.113.5")).CheckAsync("smtp.other.example", port, CancellationToken.None)).Refusal);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("10.1.2.3")]
    [InlineData("172.20.0.1")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")]
    [InlineData("100.64.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("224.0.0.251")]
    [InlineData("::1")]
    [InlineData("fe80::1")]
    [InlineData("fd00::1")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("64:ff9b::a00:1")]
    [InlineData("2002:a00:1::1")]
    [InlineData("::7f00:1")]
    [InlineData("2001:0:4136:e378:8000:63bf:3fff:fdd2")]
    [InlineData("::ffff:0:a00:1")] // SIIT (IPv4-translated) 10.0.0.1
    [InlineData("::ffff:0:808:808")] // SIIT 8.8.8.8: where a translator sends it is not known here
    public async Task A_name_that_resolves_to_a_local_or_private_address_is_refused(string address)
    {
        var (addresses, refusal) = await Policy(resolvesTo: IPAddress.Parse(address)).CheckAsync("smtp.sneaky.example", 587, CancellationToken.None);

        Assert.Null(addresses);
        Assert.Equal("Probe.Error.OtherHostRefused", refusal);
    }

    [Fact]
    public async Task One_bad_address_among_good_ones_is_enough_to_refuse()
    {
        var (_, refusal) = await Policy(resolvesTo: [IPAddress.Parse("203.0.113.5"), IPAddress.Loopback]).CheckAsync("smtp.mixed.example", 465, CancellationToken.None);

        Assert.Equal("Probe.Error.OtherHostRefused", refusal);
    }

    [Fact]
    public async Task The_portals_own_addresses_are_refused()
    {
        var own = NetworkInterface.GetAllNetworkInterfaces().SelectMany(i => i.GetIPProperties().UnicastAddresses).Select(u => u.Address).ToList();

        foreach (var address in own)
            Assert.Equal("Probe.Error.OtherHostRefused", (await Policy(resolvesTo: address).CheckAsync("smtp.me.example", 587, CancellationToken.None)).Refusal);
        Assert.NotEmpty(own);
    }

    [Fact]
    public async Task A_public_address_is_probed_at_exactly_the_addresses_checked()
    {
        var (addresses, refusal) = await Policy(resolvesTo: IPAddress.Parse("203.0.113.5")).CheckAsync("smtp.other.example", 465, CancellationToken.None);

        Assert.Null(refusal);
        Assert.Equal([IPAddress.Parse("203.0.113.5")], addresses);
    }

    [Fact]
    public async Task An_allowed_host_may_be_private()
    {
        var (addresses, refusal) = await Policy(allowed: ["relay.internal.example"], resolvesTo: IPAddress.Parse("10.0.0.25")).CheckAsync("Relay.Internal.Example.", 587, CancellationToken.None);

        Assert.Null(refusal);
        Assert.NotNull(addresses);
    }

    [Theory]
    [InlineData("not a host")]
    [InlineData("")]
    [InlineData("smtp..example")]
    [InlineData("a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r.s.t.u.v.w.x.y.z.a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r.s.t.u.v.w.x.y.z.a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r.s.t.u.v.w.x.y.z.a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r.s.t.u.v.w.x.y.z.a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r.s.t.u.v.w.x.y.z.example")]
    public async Task Something_that_is_not_a_host_name_is_refused_plainly(string host)
    {
        Assert.Equal("Probe.Error.OtherHost", (await Policy(resolvesTo: IPAddress.Parse("203.0.113.5")).CheckAsync(host, 587, CancellationToken.None)).Refusal);
    }
}
