using AngleSharp.Dom;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Guides;

/// <summary>
/// Facts about real programs, one test each, read from the rendered guide: what the program shows, as its own
/// localisation files or the sources recorded in the guide show it (issue 14's audit).
/// </summary>
public sealed class GuideFactsTests(GuideFactsTests.Portals portals) : IClassFixture<GuideFactsTests.Portals>
{
    /// <summary>One portal per submission security the ISP may configure: guide wording follows it.</summary>
    public sealed class Portals : IDisposable
    {
        private readonly Dictionary<string, PortalFactory> _bySecurity = [];

        public PortalFactory For(string security)
        {
            lock (_bySecurity)
            {
                if (!_bySecurity.TryGetValue(security, out var portal))
                {
                    portal = new PortalFactory(new Dictionary<string, string?>
                    {
                        ["Demo:Enabled"] = "false", ["Isp:Submission:Host"] = "smtp.example.jp", ["Isp:Submission:Security"] = security,
                        ["Isp:Submission:Port"] = "587",
                    });
                    _bySecurity[security] = portal;
                }

                return portal;
            }
        }

        public void Dispose()
        {
            foreach (var portal in _bySecurity.Values) portal.Dispose();
        }
    }

    private async Task<IDocument> GuideAsync(string guide, string language, string security = "StartTls")
    {
        using var client = portals.For(security).CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = PortalFactory.Https });
        return await PageReader.GetAsync(client, $"/guides/{guide}?culture={language}");
    }

    /// <summary>The "new" value the step's table gives for a field, as the member reads it.</summary>
    private static string? NewValue(IDocument page, string label) =>
        page.QuerySelectorAll("table.fields tbody tr").FirstOrDefault(r => r.QuerySelector("th")!.TextContent.Trim().EndsWith(label, StringComparison.Ordinal))
            ?.QuerySelector("td strong")?.TextContent;

    [Theory]
    [InlineData("ja", "StartTls", "通常のパスワード認証")]
    [InlineData("ja", "SslOnConnect", "通常のパスワード認証")]
    [InlineData("ja", "None", "平文のパスワード認証 (安全でない)")]
    [InlineData("en", "StartTls", "Normal password")]
    [InlineData("en", "None", "Password, transmitted insecurely")]
    public async Task Thunderbird_names_the_password_method_by_the_connection_security(string language, string security, string method)
    {
        var page = await GuideAsync("thunderbird", language, security);

        Assert.Equal(method, NewValue(page, language == "ja" ? "認証方式:" : "Authentication method:"));
        var pictures = string.Concat(page.QuerySelectorAll("svg").Select(s => s.TextContent));
        Assert.Contains(method, pictures, StringComparison.Ordinal);
        Assert.DoesNotContain(language == "ja" ? (security == "None" ? "通常のパスワード認証" : "平文のパスワード認証") : (security == "None" ? "Normal password" : "transmitted insecurely"), pictures, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ja", "パスワードマネージャーを使用してこのパスワードを記憶する", "パスワードマネージャーにこのパスワードを保存する")]
    [InlineData("en", "Use Password Manager to remember this password.", null)]
    public async Task Thunderbirds_password_prompt_tick_box_is_worded_as_its_localisation_says(string language, string label, string? wrong)
    {
        var page = await GuideAsync("thunderbird", language);

        Assert.Contains(label, page.QuerySelector("#steps")!.TextContent, StringComparison.Ordinal);
        if (wrong is not null) Assert.DoesNotContain(wrong, page.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Thunderbirds_japanese_compose_button_is_the_one_the_folder_pane_shows()
    {
        var page = await GuideAsync("thunderbird", "ja");

        var menus = page.QuerySelectorAll(".step__menu kbd").Select(k => k.TextContent).ToList();
        Assert.Contains("メッセージ作成", menus);
        Assert.DoesNotContain("新規作成", menus);
    }

    [Theory]
    [InlineData("ja", "アカウント設定 - ")]
    [InlineData("en", "Account Settings - ")]
    public async Task Thunderbirds_account_page_heading_has_no_angle_brackets(string language, string heading)
    {
        var page = await GuideAsync("thunderbird", language);

        var pictures = string.Concat(page.QuerySelectorAll("svg").Select(s => s.TextContent));
        Assert.Contains(heading, pictures, StringComparison.Ordinal);
        Assert.DoesNotContain(heading + "<", pictures, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ja")]
    [InlineData("en")]
    public async Task Thunderbirds_sources_cite_files_that_exist(string language)
    {
        var page = await GuideAsync("thunderbird", language);

        Assert.DoesNotContain("messageSend.ftl", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("composeMsgs.properties", page.Body!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("outlook-express-6", "en", "0x800ccc78", "The message could not be sent because the server rejected the sender's e-mail address.", "Unable to send the message")]
    [InlineData("outlook-express-6", "en", "0x800ccc0f", "Your server has unexpectedly terminated the connection. Possible causes for this include", "The server unexpectedly terminated")]
    [InlineData("outlook-express-6", "ja", "0x800ccc79", "受信者の 1 人がサーバーによって拒否されたため、メッセージを送信できませんでした。", "サーバーによって受信者の 1 人が")]
    [InlineData("thunderbird", "en", "tb-auth-required", "The mail server responded: Authentication required.", "530 5.7.0")]
    [InlineData("thunderbird", "ja", "tb-relay-denied", "サーバーからの応答: Relay access denied", "554 5.7.1")]
    [InlineData("thunderbird", "en", "tb-starttls-failed", "since it doesn't advertise that feature", "doesn\u2019t")]
    public async Task An_error_text_is_quoted_as_the_program_shows_it(string guide, string language, string error, string real, string wrong)
    {
        var page = await GuideAsync(guide, language);

        var shown = page.QuerySelector($"#error-{error} dt")!.TextContent;
        Assert.Contains(real, shown, StringComparison.Ordinal);
        Assert.DoesNotContain(System.Text.RegularExpressions.Regex.Unescape(wrong), shown, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ja", "StartTls", "いいえ(N)")]
    [InlineData("ja", "SslOnConnect", "はい(Y)")]
    [InlineData("ja", "None", "チェックを外す")]
    [InlineData("en", "StartTls", "\"No\" to the port question")]
    public async Task Becky_encrypts_with_the_SMTPS_box_on_the_basic_tab_and_the_port_question_decides_STARTTLS(string language, string security, string answer)
    {
        var page = await GuideAsync("becky-2", language, security);

        Assert.Contains(answer, NewValue(page, "SMTPS"), StringComparison.Ordinal);
        Assert.Equal(language == "ja" ? "チェックを付ける" : "ticked", NewValue(page, "OP25B"));
        var basic = page.QuerySelector("#step-basic-server svg")!.TextContent;
        Assert.Contains("OP25B", basic, StringComparison.Ordinal);
        Assert.Contains("SMTPS", basic, StringComparison.Ordinal);
        // No STARTTLS or SSL/TLS tick box under the port: the Advanced tab has none.
        var port = page.QuerySelector("#step-advanced-port svg")!.TextContent;
        Assert.DoesNotContain("STARTTLS", port, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ja", "ESMTPを使用(W)（SMTP認証には必須）", "POP before SMTPを使用")]
    [InlineData("en", "Use ESMTP (required for SMTP authentication)", "Use POP before SMTP")]
    public async Task Becky_needs_ESMTP_ticked_and_POP_before_SMTP_off_for_SMTP_authentication(string language, string esmtp, string popBeforeSmtp)
    {
        var page = await GuideAsync("becky-2", language);

        Assert.Equal(language == "ja" ? "チェックを付ける" : "ticked", NewValue(page, esmtp));
        Assert.Equal(language == "ja" ? "チェックを外す" : "not ticked", NewValue(page, popBeforeSmtp));
        Assert.Contains(esmtp, page.QuerySelector("#step-smtp-auth svg")!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ja", new[] { "基本設定", "接続", "メール作成", "受信", "詳細" }, "メッセージ")]
    [InlineData("en", new[] { "Basic", "Connection", "Compose", "Receive", "Advanced" }, "Message")]
    public async Task Beckys_settings_window_has_its_five_tabs_and_no_message_menu(string language, string[] tabs, string noMenu)
    {
        var page = await GuideAsync("becky-2", language);

        var picture = page.QuerySelector("#step-basic-server svg")!.TextContent;
        var at = tabs.Select(t => picture.IndexOf(t, StringComparison.Ordinal)).ToList();
        Assert.All(at, i => Assert.True(i >= 0));
        Assert.Equal(at.Order(), at);
        Assert.DoesNotContain(noMenu, page.QuerySelectorAll(".step__menu kbd").Select(k => k.TextContent));
    }

    [Theory]
    [InlineData("ja", "セキュリティで保護されたパスワード認証でログオンする")]
    [InlineData("en", "Log on using Secure Password Authentication")]
    public async Task Outlook_Express_leaves_Secure_Password_Authentication_unticked(string language, string label)
    {
        var page = await GuideAsync("outlook-express-6", language);

        var servers = page.QuerySelector("#step-servers-tab")!;
        Assert.Contains(label, servers.QuerySelector("svg")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(label, servers.QuerySelector(".step__notes")!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("netscape-7-windows")]
    [InlineData("netscape-7-mac")]
    public async Task Netscape_7_pages_and_prompts_are_Mozilla_1_7s(string guide)
    {
        var en = await GuideAsync(guide, "en");
        var ja = await GuideAsync(guide, "ja");

        var pictures = string.Concat(en.QuerySelectorAll("svg").Select(s => s.TextContent));
        Assert.Contains("Mail Server Password Required", pictures, StringComparison.Ordinal);
        Assert.DoesNotContain("SMTP Server Password Required", pictures, StringComparison.Ordinal);
        // The 7.x page has a header and no group captions (those came with later Thunderbird).
        Assert.Contains("Outgoing Server (SMTP) Settings", pictures, StringComparison.Ordinal);
        Assert.DoesNotContain("Security and Authentication", pictures, StringComparison.Ordinal);
        Assert.DoesNotContain("セキュリティと認証", string.Concat(ja.QuerySelectorAll("svg").Select(s => s.TextContent)), StringComparison.Ordinal);
        // A relay refusal shows the "from" text, with the server's reply but not its code; there is no time-out text.
        Assert.Contains("Please verify that your email address is correct in your Mail preferences", en.QuerySelector("#error-relay-denied dt")!.TextContent, StringComparison.Ordinal);
        Assert.Null(en.QuerySelector("#error-smtp-timeout"));
        Assert.Contains("Mail & Newsgroups", ja.QuerySelector(".guide__open")!.TextContent, StringComparison.Ordinal);
        // The Japanese prompt's title is no longer a later version's string, and both languages quote the same version's relay text.
        Assert.DoesNotContain("SMTP サーバのパスワードが必要です", string.Concat(ja.QuerySelectorAll("svg").Select(s => s.TextContent)), StringComparison.Ordinal);
        Assert.Contains("メールアドレスが正しいか", ja.QuerySelector("#error-relay-denied dt")!.TextContent, StringComparison.Ordinal);
        // Whether 7.0 has a Port box is not known: the step says what to do if it has none.
        Assert.Contains("7.1 or later", en.QuerySelector("#step-smtp-server .step__notes")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mail_1_3_opens_the_account_with_Edit_and_its_button_is_Options()
    {
        var page = await GuideAsync("mac-mail-1-3", "en");

        var menus = page.QuerySelectorAll(".step__menu kbd").Select(k => k.TextContent).ToList();
        Assert.Contains("Options", menus);
        Assert.DoesNotContain("Server Options...", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("click Edit", page.QuerySelector("#steps")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("click Save", page.QuerySelector("#steps")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mail_1_3_in_Japanese_names_the_button_as_the_English_source_does_and_asks_for_no_Save()
    {
        var page = await GuideAsync("mac-mail-1-3", "ja");

        var steps = page.QuerySelector("#steps")!.TextContent;
        Assert.DoesNotContain("サーバオプション...", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("オプション", page.QuerySelectorAll(".step__menu kbd").Select(k => k.TextContent).ToList());
        Assert.Contains("Options", steps, StringComparison.Ordinal);
        Assert.DoesNotContain("保存", steps, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ja", "コントロール パネル", "インターネット電子メール設定", "送信サーバー (SMTP) は認証が必要(O)")]
    [InlineData("en", "Control Panel", "Internet Email Settings", "My outgoing server (SMTP) requires authentication")]
    public async Task Outlook_sets_sign_in_for_sending_in_the_classic_dialog_the_sources_show(string language, string first, string dialog, string tickBox)
    {
        var page = await GuideAsync("outlook-classic", language);

        var step = page.QuerySelector("#step-outgoing-auth")!;
        Assert.Equal(first, step.QuerySelector(".step__menu kbd")!.TextContent);
        Assert.Contains(dialog, step.QuerySelector("svg")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(language == "ja" ? "オン" : "on", NewValue(page, tickBox));
    }
}
