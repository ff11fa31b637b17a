using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Portal.Core.CheckMail;
using Portal.Core.Configuration;
using Portal.Core.DemoSubmission;

namespace Portal.Tests.CheckMail;

/// <summary>The trace-header analyser against a corpus of header sets in the formats real MTAs write (Fixtures/*.eml with their expected analysis).</summary>
public sealed class TraceAnalyserTests
{
    private static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "CheckMail", "Fixtures");

    internal static TraceAnalyser Analyser()
    {
        var checkMail = new CheckMailOptions
        {
            OurHosts = ["smtp.example.jp", "mx1.example.jp", "relay.example.jp", "mbox1.example.jp", "mail.example-isp.test"],
            RelayNetworks = ["10.0.0.0/24", "127.0.0.0/8"],
            PortHeader = "X-Submission-Port",
            PortByHost = new(StringComparer.OrdinalIgnoreCase) { ["smtp.example.jp"] = 587, ["mx1.example.jp"] = 25 },
        };
        var isp = Options.Create(new IspOptions { Submission = new MailServer { Host = "smtp.example.jp", Port = 587 } });
        return new TraceAnalyser(Options.Create(checkMail), isp, new DemoMode(Options.Create(new DemoSubmissionOptions()), isp));
    }

    public static TheoryData<string> Corpus => new(Directory.EnumerateFiles(Fixtures, "*.eml").Select(Path.GetFileNameWithoutExtension).Order()!);

    [Theory]
    [MemberData(nameof(Corpus))]
    public async Task Each_header_set_gets_its_expected_analysis(string name)
    {
        await using var raw = File.OpenRead(Path.Combine(Fixtures, $"{name}.eml"));
        var expected = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(Fixtures, $"{name}.expected.json"))).RootElement;

        var analysis = await Analyser().AnalyseAsync(raw, CancellationToken.None);

        Assert.Equal(expected.GetProperty("verdict").GetString(), analysis.Verdict.ToString());
        Assert.Equal(Nullable(expected, "authenticated", e => e.GetBoolean()), analysis.Authenticated);
        Assert.Equal(Nullable(expected, "tls", e => e.GetBoolean()), analysis.Tls);
        Assert.Equal(Nullable(expected, "port", e => e.GetInt32()), analysis.Port);
        Assert.Equal(expected.GetProperty("portSource").GetString(), analysis.PortSource);
        Assert.Equal(expected.GetProperty("program").GetString(), analysis.Program);
        Assert.Equal(expected.GetProperty("clientIp").GetString(), analysis.ClientIp?.ToString());
        Assert.Equal(Nullable(expected, "dynamicIp", e => e.GetBoolean()), analysis.DynamicIp);
        Assert.Equal(expected.GetProperty("protocol").GetString(), analysis.Protocol);
        Assert.False(string.IsNullOrWhiteSpace(analysis.Reason));
    }

    [Theory]
    [InlineData("ESMTPSA", true, true)]
    [InlineData("ESMTPA", true, false)]
    [InlineData("ESMTPS", false, true)]
    [InlineData("ESMTP", false, false)]
    [InlineData("SMTP", false, false)]
    [InlineData("LMTPSA", true, true)]
    [InlineData("UTF8SMTPSA", true, true)]
    [InlineData("esmtpsa", true, true)]
    public void The_RFC_3848_keyword_says_whether_the_client_signed_in_and_encrypted(string keyword, bool authenticated, bool tls)
    {
        var hop = ReceivedHop.Parse($"from pc (pc [192.0.2.1]) by smtp.example.jp with {keyword} id 1; Sat, 28 Nov 2026 10:00:00 +0900")!;

        Assert.Equal((keyword.ToUpperInvariant(), authenticated, tls), (hop.Protocol, hop.Authenticated, hop.Tls));
    }

    [Theory]
    [InlineData("from pc ([192.0.2.1]) (Authenticated sender: taro@example.jp) by smtp.example.jp (Postfix) with ESMTPSA id 1; Sat, 28 Nov 2026 10:00:00 +0900", "taro@example.jp")]
    [InlineData("from pc ([192.0.2.1]) (authenticated as taro) by smtp.example.jp (8.17.1/8.17.1) with ESMTPSA id 1; Sat, 28 Nov 2026 10:00:00 +0900", "taro")]
    [InlineData("from pc ([192.0.2.1]) (authenticated bits=0) by smtp.example.jp (8.17.1/8.17.1) with ESMTPSA id 1; Sat, 28 Nov 2026 10:00:00 +0900", null)]
    [InlineData("from pc ([192.0.2.1]) by smtp.example.jp (Postfix) with ESMTP id 1; Sat, 28 Nov 2026 10:00:00 +0900", null)]
    public void The_account_that_signed_in_is_read_where_the_MTA_wrote_it(string received, string? user) =>
        Assert.Equal(user, ReceivedHop.Parse(received)!.AuthenticatedUser);

    [Theory]
    [InlineData("forged-helo-our-host")]
    [InlineData("forged-sendmail-may-be-forged")]
    [InlineData("forged-below-our-hop")]
    public async Task A_hop_a_sender_wrote_names_no_account_however_the_hop_above_names_the_sender(string name)
    {
        await using var raw = File.OpenRead(Path.Combine(Fixtures, $"{name}.eml"));

        var analysis = await Analyser().AnalyseAsync(raw, CancellationToken.None);

        Assert.Null(analysis.AuthenticatedUser);
        Assert.False(analysis.Authenticated);
    }

    [Fact]
    public async Task The_real_Postfix_capture_names_the_account_that_signed_in()
    {
        await using var raw = File.OpenRead(Path.Combine(Fixtures, "postfix-real-submission.eml"));

        Assert.Equal("member@example-isp.test", (await Analyser().AnalyseAsync(raw, CancellationToken.None)).AuthenticatedUser);
    }

    [Fact]
    public async Task Something_that_is_not_a_message_could_not_be_told()
    {
        var analysis = await Analyser().AnalyseAsync(new MemoryStream([0xff, 0xfe, 0x00, 0x01]), CancellationToken.None);

        Assert.Equal(TraceVerdict.CouldNotTell, analysis.Verdict);
    }

    [Fact]
    public async Task Random_and_truncated_headers_never_throw_and_stay_fast()
    {
        var corpus = Directory.EnumerateFiles(Fixtures, "*.eml").Select(File.ReadAllBytes).ToList();
        var random = new Random(20261128);
        var analyser = Analyser();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 2000; i++)
        {
            var source = corpus[random.Next(corpus.Count)];
            var bytes = (i % 3) switch
            {
                0 => source[..random.Next(source.Length)],
                1 => source.Select(b => random.Next(20) == 0 ? (byte)random.Next(256) : b).ToArray(),
                _ => Enumerable.Range(0, random.Next(2000)).Select(_ => (byte)random.Next(256)).ToArray(),
            };
            var analysis = await analyser.AnalyseAsync(new MemoryStream(bytes), CancellationToken.None);
            Assert.True(Enum.IsDefined(analysis.Verdict));
        }

        // A bound, not a speed test: 2000 small messages must not take anywhere near this long.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"took {clock.Elapsed}");
    }

    [Theory]
    [InlineData("Received")]
    [InlineData("X-Submission-Port")]
    [InlineData("X-Mailer")]
    public async Task An_enormous_header_could_not_be_told_not_a_hang(string field)
    {
        var huge = new StringBuilder();
        huge.Append(field).Append(": from ").Append('(', 200_000).Append(" by smtp.example.jp with ESMTPSA ").Append(new string('a', 800_000)).Append("\r\n");
        var message = "Received: from x (x [198.51.100.1]) by mx1.example.jp with ESMTP id 1; Sat, 28 Nov 2026 10:00:00 +0900\r\n" + huge + "Subject: big\r\n\r\nbody\r\n";
        var clock = Stopwatch.StartNew();

        var analysis = await Analyser().AnalyseAsync(new MemoryStream(Encoding.ASCII.GetBytes(message)), CancellationToken.None);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        Assert.True(Enum.IsDefined(analysis.Verdict));
    }

    private static T? Nullable<T>(JsonElement element, string name, Func<JsonElement, T> read) where T : struct =>
        element.GetProperty(name).ValueKind == JsonValueKind.Null ? null : read(element.GetProperty(name));
}
