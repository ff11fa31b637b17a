using System.Net;
using Portal.Core.Evidence;
using static Portal.Tests.Evidence.EvidenceLog;

namespace Portal.Tests.Evidence;

// Where the lines come from. Their shapes are Postfix's own format strings (github.com/vdukhovni/postfix at 17830e5c,
// postfix-3.12-20260821): smtpd/smtpd.c "connect from %s", "disconnect from %s%s" and "%s: client=%s, sasl_method=...,
// sasl_username=..." ; tls/tls_misc.c tls_log_summary "%s TLS connection %s %s %s%s%s: %s with cipher %s (%d/%d bits)"
// (with the key-exchange tail recent versions add); global/opened.c "%s: from=<%s>, size=%ld, nrcpt=%d (queue active)";
// smtpd/smtpd_sasl_glue.c "%s: SASL %.100s authentication failed: %s, sasl_username=%.100s" (since Postfix 3.9,
// HISTORY 20231006; "(unavailable)" when no name is known). The failed sign-ins
// without a user name and the relay rejection are real lines from fail2ban's test logs
// (fail2ban/tests/files/logs/postfix-sasl, from Debian bugs #507990 and #573314; fail2ban/tests/files/logs/postfix).
// Members, hosts, addresses and queue ids are made up (documentation ranges).
public sealed class PostfixLogTests
{
    private static readonly string[] SubmissionSession =
    [
        "Dec  2 15:04:05 mx1 postfix/submission/smtpd[4101]: connect from p1234-ipngn.example.ne.jp[198.51.100.23]",
        "Dec  2 15:04:05 mx1 postfix/submission/smtpd[4101]: Anonymous TLS connection established from p1234-ipngn.example.ne.jp[198.51.100.23]: TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits) key-exchange X25519 server-signature RSA-PSS (2048 bits) server-digest SHA256",
        "Dec  2 15:04:06 mx1 postfix/submission/smtpd[4101]: C3CD21F3E90: client=p1234-ipngn.example.ne.jp[198.51.100.23], sasl_method=PLAIN, sasl_username=taro@example.jp",
        "Dec  2 15:04:06 mx1 postfix/cleanup[4105]: C3CD21F3E90: message-id=<20261202060406.C3CD21F3E90@mx1.example.jp>",
        "Dec  2 15:04:06 mx1 postfix/qmgr[901]: C3CD21F3E90: from=<taro@example.jp>, size=1532, nrcpt=1 (queue active)",
        "Dec  2 15:04:07 mx1 postfix/smtp[4107]: C3CD21F3E90: to=<hanako@example.com>, relay=mx.example.com[203.0.113.5]:25, delay=1.2, delays=0.1/0.01/0.5/0.6, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 9A8B7C6D5E)",
        "Dec  2 15:04:07 mx1 postfix/qmgr[901]: C3CD21F3E90: removed",
        "Dec  2 15:04:08 mx1 postfix/submission/smtpd[4101]: disconnect from p1234-ipngn.example.ne.jp[198.51.100.23] ehlo=2 starttls=1 auth=1 mail=1 rcpt=1 data=1 quit=1 commands=8",
    ];

    private static readonly string[] Port25Session =
    [
        "Dec  2 15:10:00 mx1 postfix/smtpd[5201]: connect from p5678-ipngn.example.ne.jp[198.51.100.77]",
        "Dec  2 15:10:01 mx1 postfix/smtpd[5201]: 8F1E2D3C4B: client=p5678-ipngn.example.ne.jp[198.51.100.77]",
        "Dec  2 15:10:01 mx1 postfix/cleanup[5205]: 8F1E2D3C4B: message-id=<4F9FA1B2.5060708@example.jp>",
        "Dec  2 15:10:01 mx1 postfix/qmgr[901]: 8F1E2D3C4B: from=<jiro@example.jp>, size=2048, nrcpt=1 (queue active)",
        "Dec  2 15:10:02 mx1 postfix/smtpd[5201]: disconnect from p5678-ipngn.example.ne.jp[198.51.100.77] ehlo=1 mail=1 rcpt=1 data=1 quit=1 commands=5",
        "Dec  2 15:10:02 mx1 postfix/local[5207]: 8F1E2D3C4B: to=<hanako@example.jp>, relay=local, delay=0.9, delays=0.5/0.01/0/0.39, dsn=2.0.0, status=sent (delivered to mailbox)",
        "Dec  2 15:10:02 mx1 postfix/qmgr[901]: 8F1E2D3C4B: removed",
    ];

    [Fact]
    public void A_signed_in_message_on_submission_is_submission_auth_with_everything_the_log_says()
    {
        var (records, counts) = Read(SubmissionSession);

        var record = Assert.Single(records);
        Assert.Equal(new MailEvidence(Tokyo(2026, 12, 2, 15, 4, 6), EvidenceKind.SubmissionAuth, "taro@example.jp", EvidenceIdentity.Login,
            "taro@example.jp", IPAddress.Parse("198.51.100.23"), "postfix/submission", Tls: true, "mx1", "C3CD21F3E90"), record);
        Assert.Equal(8, counts.LinesRead);
        Assert.Equal(0, counts.LinesUnreadable);
        Assert.Equal(1, counts.Records(EvidenceKind.SubmissionAuth));
        Assert.Equal(1, counts.AllRecords);
    }

    [Fact]
    public void A_message_on_port_25_without_sign_in_is_known_only_by_its_sender()
    {
        var (records, counts) = Read(Port25Session);

        var record = Assert.Single(records);
        Assert.Equal(new MailEvidence(Tokyo(2026, 12, 2, 15, 10, 1), EvidenceKind.Port25NoAuth, "jiro@example.jp", EvidenceIdentity.SenderAddress,
            "jiro@example.jp", IPAddress.Parse("198.51.100.77"), "postfix", Tls: false, "mx1", "8F1E2D3C4B"), record);
        Assert.Equal(1, counts.Records(EvidenceKind.Port25NoAuth));
    }

    [Fact]
    public void A_signed_in_message_on_port_25_is_port25_auth()
    {
        var (records, _) = Read(
            "Dec  2 16:00:00 mx1 postfix/smtpd[6001]: connect from unknown[198.51.100.40]",
            "Dec  2 16:00:00 mx1 postfix/smtpd[6001]: Untrusted TLS connection established from unknown[198.51.100.40]: TLSv1.2 with cipher ECDHE-RSA-AES128-GCM-SHA256 (128/128 bits)",
            "Dec  2 16:00:01 mx1 postfix/smtpd[6001]: 1A2B3C4D5E: client=unknown[198.51.100.40], sasl_method=LOGIN, sasl_username=saburo",
            "Dec  2 16:00:01 mx1 postfix/qmgr[901]: 1A2B3C4D5E: from=<saburo@example.jp>, size=700, nrcpt=2 (queue active)");

        var record = Assert.Single(records);
        Assert.Equal((EvidenceKind.Port25Auth, "saburo", EvidenceIdentity.Login, "saburo@example.jp", "postfix", true),
            (record.Kind, record.Who, record.IdentifiedBy, record.Sender, record.Service, record.Tls));
    }

    [Theory]
    [InlineData("postfix/submission", EvidenceKind.SubmissionAuth)]
    [InlineData("postfix/smtps", EvidenceKind.SubmissionAuth)]
    [InlineData("postfix/submission-2587", EvidenceKind.SubmissionAuth)]
    [InlineData("postfix-out/Submission", EvidenceKind.SubmissionAuth)]
    [InlineData("postfix", EvidenceKind.Port25Auth)]
    [InlineData("postfix/msa", EvidenceKind.Port25Auth)]
    public void The_service_is_known_by_its_syslog_name(string syslogName, EvidenceKind expected)
    {
        var (records, _) = Read(SignedInMessage(syslogName));

        Assert.Equal(expected, Assert.Single(records).Kind);
        Assert.Equal(syslogName, records[0].Service);
    }

    [Fact]
    public void Other_syslog_names_can_be_made_submission_services()
    {
        var options = new EvidenceOptions { SubmissionSyslogNames = ["postfix/msa", "postfix-587"] };

        var (msa, _) = Read(options, 2026, SignedInMessage("postfix/msa"));
        var (port25, _) = Read(options, 2026, SignedInMessage("postfix"));

        Assert.Equal(EvidenceKind.SubmissionAuth, Assert.Single(msa).Kind);
        Assert.Equal(EvidenceKind.Port25Auth, Assert.Single(port25).Kind);
    }

    [Fact]
    public void Interleaved_connections_and_messages_keep_their_own_address_tls_and_login()
    {
        var (records, counts) = Read(
            "Dec  2 17:00:00 mx1 postfix/submission/smtpd[7001]: connect from a.example.ne.jp[198.51.100.1]",
            "Dec  2 17:00:00 mx1 postfix/smtpd[7002]: connect from b.example.ne.jp[198.51.100.2]",
            "Dec  2 17:00:00 mx1 postfix/submission/smtpd[7003]: connect from c.example.ne.jp[198.51.100.3]",
            "Dec  2 17:00:01 mx1 postfix/submission/smtpd[7001]: Anonymous TLS connection established from a.example.ne.jp[198.51.100.1]: TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)",
            "Dec  2 17:00:01 mx1 postfix/smtpd[7002]: AAAAA00001: client=b.example.ne.jp[198.51.100.2]",
            "Dec  2 17:00:02 mx1 postfix/submission/smtpd[7003]: BBBBB00002: client=c.example.ne.jp[198.51.100.3], sasl_method=PLAIN, sasl_username=shiro@example.jp",
            "Dec  2 17:00:02 mx1 postfix/submission/smtpd[7001]: CCCCC00003: client=a.example.ne.jp[198.51.100.1], sasl_method=PLAIN, sasl_username=goro@example.jp",
            "Dec  2 17:00:03 mx1 postfix/qmgr[901]: CCCCC00003: from=<goro@example.jp>, size=100, nrcpt=1 (queue active)",
            "Dec  2 17:00:03 mx1 postfix/submission/smtpd[7001]: DDDDD00004: client=a.example.ne.jp[198.51.100.1], sasl_method=PLAIN, sasl_username=goro@example.jp",
            "Dec  2 17:00:03 mx1 postfix/qmgr[901]: AAAAA00001: from=<rokuro@example.jp>, size=200, nrcpt=1 (queue active)",
            "Dec  2 17:00:04 mx1 postfix/submission/smtpd[7001]: disconnect from a.example.ne.jp[198.51.100.1] ehlo=2 starttls=1 auth=1 mail=2 rcpt=2 data=2 quit=1 commands=11",
            "Dec  2 17:00:04 mx1 postfix/qmgr[901]: DDDDD00004: from=<goro+list@example.jp>, size=300, nrcpt=1 (queue active)",
            "Dec  2 17:00:05 mx1 postfix/qmgr[901]: BBBBB00002: from=<shiro@example.jp>, size=400, nrcpt=1 (queue active)");

        Assert.Equal(
            [
                ("CCCCC00003", EvidenceKind.SubmissionAuth, "goro@example.jp", "goro@example.jp", "198.51.100.1", true),
                ("AAAAA00001", EvidenceKind.Port25NoAuth, "rokuro@example.jp", "rokuro@example.jp", "198.51.100.2", false),
                ("DDDDD00004", EvidenceKind.SubmissionAuth, "goro@example.jp", "goro+list@example.jp", "198.51.100.1", true),
                ("BBBBB00002", EvidenceKind.SubmissionAuth, "shiro@example.jp", "shiro@example.jp", "198.51.100.3", false),
            ],
            records.Select(r => (r.QueueId, r.Kind, r.Who, r.Sender, r.ClientIp?.ToString(), r.Tls)).ToList());
        Assert.Equal(0, counts.LinesUnreadable);
    }

    [Fact]
    public void A_sasl_username_in_a_header_warning_or_a_quoted_client_text_does_not_sign_anyone_in()
    {
        var (records, counts) = Read(
            "Dec  2 15:20:00 mx1 postfix/smtpd[5301]: connect from unknown[198.51.100.99]",
            // The client's own words, quoted by smtpd: not smtpd's queue-id line.
            "Dec  2 15:20:00 mx1 postfix/smtpd[5301]: warning: Illegal address syntax from unknown[198.51.100.99] in MAIL command: <2B3C4D5E6F: client=unknown[198.51.100.99], sasl_method=PLAIN, sasl_username=taro@example.jp>",
            "Dec  2 15:20:00 mx1 postfix/smtpd[5301]: warning: Illegal address syntax from unknown[198.51.100.99] in MAIL command: <x: SASL PLAIN authentication failed: no, sasl_username=taro@example.jp>",
            "Dec  2 15:20:01 mx1 postfix/smtpd[5301]: 2B3C4D5E6F: client=unknown[198.51.100.99]",
            // header_checks WARN by cleanup: a Subject the sender wrote, made to look like smtpd's line.
            "Dec  2 15:20:02 mx1 postfix/cleanup[5305]: 2B3C4D5E6F: warning: header Subject: 2B3C4D5E6F: client=unknown[198.51.100.99], sasl_method=PLAIN, sasl_username=taro@example.jp from unknown[198.51.100.99]; from=<spammer@example.net> to=<hanako@example.jp> proto=ESMTP helo=<x>",
            "Dec  2 15:20:02 mx1 postfix/cleanup[5305]: 3C4D5E6F7A: client=unknown[198.51.100.99], sasl_method=PLAIN, sasl_username=taro@example.jp",
            "Dec  2 15:20:02 mx1 postfix/qmgr[901]: 2B3C4D5E6F: from=<spammer@example.net>, size=900, nrcpt=1 (queue active)",
            "Dec  2 15:20:02 mx1 postfix/qmgr[901]: 3C4D5E6F7A: from=<spammer@example.net>, size=900, nrcpt=1 (queue active)",
            "Dec  2 15:20:03 mx1 postfix/smtpd[5301]: NOQUEUE: reject: RCPT from unknown[198.51.100.99]: 554 5.7.1 <hanako@example.com>: Relay access denied; from=<taro@example.jp> to=<hanako@example.com> proto=ESMTP helo=<x sasl_username=taro@example.jp>");

        var record = Assert.Single(records);
        Assert.Equal((EvidenceKind.Port25NoAuth, "spammer@example.net", EvidenceIdentity.SenderAddress, "2B3C4D5E6F"),
            (record.Kind, record.Who, record.IdentifiedBy, record.QueueId));
        Assert.Equal(0, counts.Records(EvidenceKind.AuthFailed));
        Assert.Equal(1, counts.Rejections);
    }

    [Fact]
    public void Failed_sign_ins_are_recorded_with_the_name_tried_when_postfix_logs_it()
    {
        var (records, counts) = Read(
            "Dec  2 18:00:00 mx1 postfix/submission/smtpd[8001]: connect from unknown[198.51.100.50]",
            "Dec  2 18:00:00 mx1 postfix/submission/smtpd[8001]: Anonymous TLS connection established from unknown[198.51.100.50]: TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)",
            "Dec  2 18:00:01 mx1 postfix/submission/smtpd[8001]: warning: unknown[198.51.100.50]: SASL PLAIN authentication failed: authentication failure, sasl_username=taro@example.jp",
            "Dec  2 18:00:02 mx1 postfix/smtpd[8002]: warning: unknown[198.51.100.51]:50123: SASL LOGIN authentication failed: UGFzc3dvcmQ6, sasl_username=(unavailable)",
            // Not the member's doing, or not a failure: no record.
            "Dec  2 18:00:03 mx1 postfix/smtpd[8003]: warning: unknown[198.51.100.52]: SASL LOGIN authentication failed: Connection lost to authentication server",
            "Dec  2 18:00:04 mx1 postfix/smtpd[8003]: warning: unknown[198.51.100.52]: SASL PLAIN authentication aborted",
            "Dec  2 18:00:05 mx1 postfix/smtpd[8003]: warning: hostname x.example does not resolve to address 198.51.100.52");

        Assert.Equal(
            [
                (Tokyo(2026, 12, 2, 18, 0, 1), "taro@example.jp", EvidenceIdentity.AttemptedLogin, "198.51.100.50", "postfix/submission", true),
                (Tokyo(2026, 12, 2, 18, 0, 2), null, EvidenceIdentity.None, "198.51.100.51", "postfix", false),
            ],
            records.Select(r => (r.Time, r.Who, r.IdentifiedBy, r.ClientIp?.ToString(), r.Service, r.Tls)).ToList<(DateTimeOffset, string?, EvidenceIdentity, string?, string, bool)>());
        Assert.All(records, r => Assert.Equal((EvidenceKind.AuthFailed, (string?)null, (string?)null), (r.Kind, r.Sender, r.QueueId)));
        Assert.Equal(2, counts.Records(EvidenceKind.AuthFailed));
    }

    [Fact]
    public void Failed_sign_ins_of_older_postfix_have_no_name()
    {
        // Verbatim from fail2ban's tests (Debian bug reports).
        var (records, _) = Read(
            "Dec  2 22:24:22 hel postfix/smtpd[7676]: warning: 114-44-142-233.dynamic.hinet.net[114.44.142.233]: SASL CRAM-MD5 authentication failed: PDc3OTEwNTkyNTEyMzA2NDIuMTIyODI1MzA2MUBoZWw+",
            "Sep  6 00:44:56 trianon postfix/submission/smtpd[11538]: warning: unknown[82.221.106.233]: SASL LOGIN authentication failed: UGFzc3dvcmQ6",
            "Sep  6 00:44:57 trianon postfix/submission/smtpd[11538]: warning: unknown[82.221.106.233]: SASL login authentication failed: UGFzc3dvcmQ6");

        Assert.Equal(
            [
                ("hel", "postfix", "114.44.142.233"),
                ("trianon", "postfix/submission", "82.221.106.233"),
                ("trianon", "postfix/submission", "82.221.106.233"),
            ],
            records.Select(r => (r.Host, r.Service, r.ClientIp!.ToString())).ToList());
        Assert.All(records, r => Assert.Equal((EvidenceKind.AuthFailed, (string?)null, EvidenceIdentity.None), (r.Kind, r.Who, r.IdentifiedBy)));
    }

    [Fact]
    public void A_deferred_message_logged_by_qmgr_again_at_each_retry_is_one_record()
    {
        var (records, _) = Read(
            "Dec  2 19:00:00 mx1 postfix/submission/smtpd[9001]: 5E6F7A8B9C: client=unknown[198.51.100.60], sasl_method=PLAIN, sasl_username=taro@example.jp",
            "Dec  2 19:00:00 mx1 postfix/qmgr[901]: 5E6F7A8B9C: from=<taro@example.jp>, size=500, nrcpt=1 (queue active)",
            "Dec  2 19:00:30 mx1 postfix/smtp[9003]: 5E6F7A8B9C: to=<x@example.org>, relay=none, delay=30, delays=0/0/30/0, dsn=4.4.1, status=deferred (connect to example.org[192.0.2.1]:25: Connection timed out)",
            "Dec  2 19:10:00 mx1 postfix/qmgr[901]: 5E6F7A8B9C: from=<taro@example.jp>, size=500, nrcpt=1 (queue active)",
            "Dec  7 19:00:00 mx1 postfix/qmgr[901]: 5E6F7A8B9C: from=<taro@example.jp>, status=expired, returned to sender");

        Assert.Equal("5E6F7A8B9C", Assert.Single(records).QueueId);
    }

    [Fact]
    public void Messages_that_identify_nobody_are_counted_not_recorded()
    {
        var (records, counts) = Read(
            "Dec  2 20:00:00 mx1 postfix/smtpd[9101]: 6A6A6A6A6A: client=mx.example.org[192.0.2.10]",
            "Dec  2 20:00:00 mx1 postfix/qmgr[901]: 6A6A6A6A6A: from=<>, size=3000, nrcpt=1 (queue active)",
            "Dec  2 20:00:01 mx1 postfix/submission/smtpd[9102]: 7B7B7B7B7B: client=localhost[127.0.0.1]",
            "Dec  2 20:00:01 mx1 postfix/qmgr[901]: 7B7B7B7B7B: from=<cron@example.jp>, size=300, nrcpt=1 (queue active)",
            // Local mail (pickup): no smtpd line, nothing to say.
            "Dec  2 20:00:02 mx1 postfix/pickup[9103]: 8C8C8C8C8C: uid=0 from=<root>",
            "Dec  2 20:00:02 mx1 postfix/qmgr[901]: 8C8C8C8C8C: from=<root@mx1.example.jp>, size=300, nrcpt=1 (queue active)");

        Assert.Empty(records);
        Assert.Equal((1, 1, 0), (counts.Unidentified, counts.SubmissionWithoutAuth, counts.GivenUp));
    }

    [Fact]
    public void At_the_end_a_signed_in_message_without_its_sender_line_is_still_recorded_and_an_anonymous_one_given_up()
    {
        var (records, counts) = Read(
            "Dec  2 21:00:00 mx1 postfix/submission/smtpd[9201]: 9D9D9D9D9D: client=unknown[198.51.100.70], sasl_method=PLAIN, sasl_username=taro@example.jp",
            "Dec  2 21:00:00 mx1 postfix/smtpd[9202]: 0E0E0E0E0E: client=unknown[198.51.100.71]",
            "Dec  2 21:00:01 mx1 postfix/cleanup[9203]: 0E0E0E0E0E: milter-reject: END-OF-MESSAGE from unknown[198.51.100.71]: 5.7.1 Spam; from=<jiro@example.jp> to=<hanako@example.jp> proto=ESMTP helo=<pc>");

        var record = Assert.Single(records);
        Assert.Equal((EvidenceKind.SubmissionAuth, "taro@example.jp", (string?)null), (record.Kind, record.Who, record.Sender));
        Assert.Equal(1, counts.GivenUp);
    }

    [Fact]
    public void Messages_waiting_longer_than_the_wait_are_given_up_while_reading_so_memory_stays_flat()
    {
        var lines = new List<string>
        {
            "Dec  2 10:00:00 mx1 postfix/submission/smtpd[9301]: 1F1F1F1F1F: client=unknown[198.51.100.80], sasl_method=PLAIN, sasl_username=taro@example.jp",
            "Dec  2 10:00:00 mx1 postfix/smtpd[9302]: 2F2F2F2F2F: client=unknown[198.51.100.81]",
        };

        // Two hours later (the wait is an hour), enough lines for the reader to look at what waits.
        lines.AddRange(Enumerable.Range(0, 1100).Select(i => $"Dec  2 12:00:00 mx1 postfix/anvil[900]: statistics: max connection rate 1/60s for (smtp:198.51.100.{i % 250}) at Dec  2 11:59:00"));
        lines.Add("Dec  2 12:00:01 mx1 postfix/qmgr[901]: 2F2F2F2F2F: from=<jiro@example.jp>, size=100, nrcpt=1 (queue active)");
        lines.Add("Dec  2 12:00:02 mx1 postfix/smtpd[9303]: 3F3F3F3F3F: client=unknown[198.51.100.82]");
        lines.Add("Dec  2 12:00:02 mx1 postfix/qmgr[901]: 3F3F3F3F3F: from=<saburo@example.jp>, size=100, nrcpt=1 (queue active)");

        var (records, counts) = Read(lines.ToArray());

        // The signed-in one comes out when given up, before the later message; the anonymous one is lost even when its sender comes.
        Assert.Equal([("1F1F1F1F1F", (string?)null), ("3F3F3F3F3F", "saburo@example.jp")], records.Select(r => (r.QueueId, r.Sender)).ToList());
        Assert.Equal(1, counts.GivenUp);
    }

    [Fact]
    public void One_line_with_a_wild_time_stamp_does_not_give_up_what_is_open()
    {
        var lines = new List<string> { "Dec  2 10:00:00 mx1 postfix/submission/smtpd[9301]: 1F1F1F1F1F: client=unknown[198.51.100.80], sasl_method=PLAIN, sasl_username=taro@example.jp" };
        lines.AddRange(Enumerable.Range(0, 1022).Select(_ => "Dec  2 10:00:01 mx1 postfix/anvil[900]: statistics: max cache size 2 at Dec  2 10:00:00"));
        lines.Add("2099-01-01T00:00:00Z mx1 postfix/anvil[900]: statistics: max cache size 2 at Jan  1 00:00:00"); // the 1,024th: the reader looks at what waits
        lines.Add("Dec  2 10:00:02 mx1 postfix/qmgr[901]: 1F1F1F1F1F: from=<taro@example.jp>, size=100, nrcpt=1 (queue active)");

        var (records, counts) = Read(lines.ToArray());

        Assert.Equal(("taro@example.jp", "taro@example.jp"), (Assert.Single(records).Who, records[0].Sender));
        Assert.Equal(0, counts.GivenUp);
    }

    [Fact]
    public void Past_the_most_it_may_remember_the_oldest_waiting_message_is_given_up()
    {
        var (records, counts) = Read(new EvidenceOptions { MaxOpen = 2 }, 2026,
            "Dec  2 10:00:00 mx1 postfix/smtpd[1]: 1A1A1A1A1A: client=unknown[198.51.100.1]",
            "Dec  2 10:00:00 mx1 postfix/smtpd[2]: 2A2A2A2A2A: client=unknown[198.51.100.2]",
            "Dec  2 10:00:00 mx1 postfix/smtpd[3]: 3A3A3A3A3A: client=unknown[198.51.100.3]",
            "Dec  2 10:00:01 mx1 postfix/qmgr[901]: 1A1A1A1A1A: from=<a@example.jp>, size=1, nrcpt=1 (queue active)",
            "Dec  2 10:00:01 mx1 postfix/qmgr[901]: 2A2A2A2A2A: from=<b@example.jp>, size=1, nrcpt=1 (queue active)",
            "Dec  2 10:00:01 mx1 postfix/qmgr[901]: 3A3A3A3A3A: from=<c@example.jp>, size=1, nrcpt=1 (queue active)");

        Assert.Equal(["b@example.jp", "c@example.jp"], records.Select(r => r.Who).ToList());
        Assert.Equal(1, counts.GivenUp);
    }

    [Fact]
    public void The_same_queue_id_on_two_servers_is_two_messages()
    {
        var (records, _) = Read(
            "Dec  2 10:00:00 mx1 postfix/submission/smtpd[10]: 4B4B4B4B4B: client=unknown[198.51.100.1], sasl_method=PLAIN, sasl_username=a@example.jp",
            "Dec  2 10:00:00 mx2 postfix/smtpd[10]: 4B4B4B4B4B: client=unknown[198.51.100.2]",
            "Dec  2 10:00:01 mx2 postfix/qmgr[901]: 4B4B4B4B4B: from=<b@example.jp>, size=1, nrcpt=1 (queue active)",
            "Dec  2 10:00:01 mx1 postfix/qmgr[901]: 4B4B4B4B4B: from=<a@example.jp>, size=1, nrcpt=1 (queue active)");

        Assert.Equal([("mx2", EvidenceKind.Port25NoAuth, "b@example.jp"), ("mx1", EvidenceKind.SubmissionAuth, "a@example.jp")],
            records.Select(r => (r.Host, r.Kind, r.Who)).ToList());
    }

    [Theory]
    [InlineData("client=unknown[2001:db8::25]", "2001:db8::25")]
    [InlineData("client=pc.example.ne.jp[IPv6:2001:db8::26]", "2001:db8::26")]
    [InlineData("client=pc.example.ne.jp[198.51.100.9]:52345", "198.51.100.9")]
    [InlineData("client=unknown[unknown]", null)]
    public void Client_addresses_in_each_form_postfix_writes(string client, string? expected)
    {
        var (records, _) = Read(
            $"Dec  2 10:00:00 mx1 postfix/submission/smtpd[10]: 5C5C5C5C5C: {client}, sasl_method=PLAIN, sasl_username=a@example.jp, sasl_sender=a%40example.jp",
            "Dec  2 10:00:01 mx1 postfix/qmgr[901]: 5C5C5C5C5C: from=<a@example.jp>, size=1, nrcpt=1 (queue active)");

        Assert.Equal((expected, "a@example.jp"), (Assert.Single(records).ClientIp?.ToString(), records[0].Who));
    }

    [Fact]
    public void A_quoted_sender_is_kept_as_postfix_wrote_it()
    {
        var (records, _) = Read(
            "Dec  2 10:00:00 mx1 postfix/smtpd[10]: 6D6D6D6D6D: client=unknown[198.51.100.1]",
            "Dec  2 10:00:01 mx1 postfix/qmgr[901]: 6D6D6D6D6D: from=<\"taro yamada>, size=1\"@example.jp>, size=12, nrcpt=1 (queue active)");

        Assert.Equal("\"taro yamada>, size=1\"@example.jp", Assert.Single(records).Who);
    }

    [Fact]
    public void Lines_that_are_not_readable_postfix_lines_are_counted_and_skipped()
    {
        string[] lines =
        [
            "",
            "garbage \u0001\u0002 not a log line",
            "Dec  2 15:04:05 mx1 postfix/smtpd[12",
            "Dec  2 15:0",
            "Foo  2 15:04:05 mx1 postfix/smtpd[5201]: connect from x[198.51.100.1]",
            "Feb 30 10:00:00 mx1 postfix/smtpd[5201]: connect from x[198.51.100.1]",
            "Dec  2 25:04:05 mx1 postfix/smtpd[5201]: connect from x[198.51.100.1]",
            "Dec  2 15:04:05 mx1 postfix/smtpd[5201]: 8F1E2D3C4B: client=p5678-ipngn.example.ne.jp[198.51",
            "Dec  2 15:04:05 mx1 postfix/qmgr[901]: 8F1E2D3C4B: from=<jiro@exa",
            "Dec  2 15:04:05 mx1 dovecot: imap-login: Login: user=<taro@example.jp>, method=PLAIN, rip=198.51.100.23",
            "Dec  2 15:04:05 mx1 kernel: [12345.678] eth0: link up",
            "Dec  2 15:04:05 mx1 CRON[2222]: (root) CMD (run-parts /etc/cron.hourly)",
            // Readable: NUL bytes a crash left before a line, and a Postfix line the reader has no use for.
            "\0\0\0\0Dec  2 15:04:05 mx1 postfix/anvil[900]: statistics: max cache size 2 at Dec  2 15:00:00",
            "Dec  2 15:04:05 mx1 postfix/smtpd[5201]: lost connection after AUTH from unknown[198.51.100.1]",
        ];

        var (records, counts) = Read(lines);

        Assert.Empty(records);
        Assert.Equal((14L, 12L, 3L), (counts.LinesRead, counts.LinesUnreadable, counts.LinesFromOtherPrograms));
    }

    [Fact]
    public void Random_bytes_never_stop_the_read()
    {
        var random = new Random(17);
        var bytes = new byte[200_000];
        random.NextBytes(bytes);
        var log = new PostfixLog(new EvidenceOptions(), ClassicYear.StartingIn(2026));

        var records = log.Read(new MemoryStream(bytes)).ToList();

        var lines = bytes.Count(b => b == '\n') + (bytes[^1] == '\n' ? 0 : 1);
        Assert.Empty(records);
        Assert.Equal(lines, log.Counts.LinesRead);
        Assert.Equal(lines, log.Counts.LinesUnreadable);
    }

    private static string[] SignedInMessage(string syslogName) =>
    [
        $"Dec  2 10:00:00 mx1 {syslogName}/smtpd[4242]: 7E7E7E7E7E: client=unknown[198.51.100.5], sasl_method=PLAIN, sasl_username=taro@example.jp",
        "Dec  2 10:00:01 mx1 postfix/qmgr[901]: 7E7E7E7E7E: from=<taro@example.jp>, size=1, nrcpt=1 (queue active)",
    ];
}
