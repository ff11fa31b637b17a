using Portal.Core.Guides;
using System.Xml.Linq;
using Portal.Core.Configuration;

namespace Portal.Tests.Guides;

public sealed class DialogPictureTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static GuideValues Values(ConnectionSecurity security = ConnectionSecurity.StartTls) =>
        new("smtp.example.jp", 587, security, "hanako@example.jp", "hanako", UserNameFormat.LocalPart, "pop.example.jp", 995, "POP3", "Sample Net");

    private static readonly Picture Servers = new()
    {
        Title = "Properties",
        Tabs = ["General", "Servers", "Advanced"],
        Active = 2,
        Controls =
        [
            new() { Type = "section", Label = "Server Port Numbers" },
            new() { Type = "text", Label = "Outgoing mail (SMTP):", Value = "{port}", Callout = 1, Highlight = true },
            new() { Type = "checkbox", Label = "This server requires a secure connection (SSL)", Checked = "tls", Callout = 2, Highlight = true },
            new() { Type = "text", Label = "Account name:", Value = "{user}" },
            new() { Type = "select", Label = "Use:", Value = "SSL", When = ["SslOnConnect"] },
            new() { Type = "button", Label = "OK" },
        ],
    };

    [Fact]
    public void The_picture_is_well_formed_svg_with_a_title_and_a_description_of_the_callouts()
    {
        var svg = XDocument.Parse(DialogPicture.Render(Servers, "windows-xp", Values(), "p1")).Root!;

        Assert.Equal(Svg + "svg", svg.Name);
        Assert.Equal("img", (string?)svg.Attribute("role"));
        Assert.Equal("Properties", svg.Element(Svg + "title")?.Value);
        Assert.Equal("1: Outgoing mail (SMTP): 587; 2: This server requires a secure connection (SSL)", svg.Element(Svg + "desc")?.Value);
    }

    [Fact]
    public void Fields_to_change_are_highlighted_and_numbered()
    {
        var svg = XDocument.Parse(DialogPicture.Render(Servers, "windows-xp", Values(), "p1"));

        Assert.Equal(2, svg.Descendants(Svg + "rect").Count(r => (string?)r.Attribute("class") == "dialog-picture__highlight"));
        var callouts = svg.Descendants(Svg + "circle").Where(c => (string?)c.Attribute("class") == "dialog-picture__callout").ToList();
        Assert.Equal(2, callouts.Count);
        Assert.Equal(["1", "2"], callouts.Select(c => ((XElement)c.NextNode!).Value));
    }

    [Fact]
    public void Member_values_are_drawn_and_marked_for_live_update()
    {
        var svg = XDocument.Parse(DialogPicture.Render(Servers, "windows-xp", Values(), "p1"));

        var user = Assert.Single(svg.Descendants(Svg + "tspan"), t => (string?)t.Attribute("data-member") == "user");
        Assert.Equal("hanako", user.Value);
        Assert.Contains(svg.Descendants(Svg + "tspan"), t => (string?)t.Attribute("data-member") == "port" && t.Value == "587");
    }

    [Fact]
    public void Controls_for_another_security_setting_are_left_out_and_tls_boxes_follow_the_setting()
    {
        var startTls = DialogPicture.Render(Servers, "windows-xp", Values(ConnectionSecurity.StartTls), "p1");
        var ssl = DialogPicture.Render(Servers, "windows-xp", Values(ConnectionSecurity.SslOnConnect), "p1");
        var none = XDocument.Parse(DialogPicture.Render(Servers, "windows-xp", Values(ConnectionSecurity.None), "p1"));
        var tls = XDocument.Parse(startTls);

        Assert.DoesNotContain("Use:", startTls, StringComparison.Ordinal);
        Assert.Contains("Use:", ssl, StringComparison.Ordinal);
        // The tick is a path drawn inside the checkbox: there with TLS, absent without.
        Assert.Single(tls.Descendants(Svg + "path"), p => ((string?)p.Attribute("d"))?.Contains("l4 4 l7 -8", StringComparison.Ordinal) == true);
        Assert.DoesNotContain(none.Descendants(Svg + "path"), p => ((string?)p.Attribute("d"))?.Contains("l4 4 l7 -8", StringComparison.Ordinal) == true);
    }

    [Fact]
    public void Text_from_content_is_escaped()
    {
        var picture = new Picture { Title = "<script>alert(1)</script>", Controls = [new() { Type = "label", Label = "a & b < c" }] };

        var svg = DialogPicture.Render(picture, "mac-aqua", Values(), "p1");

        Assert.DoesNotContain("<script>", svg, StringComparison.Ordinal);
        Assert.Equal("a & b < c", XDocument.Parse(svg).Descendants(Svg + "text").Last().Value);
    }

    private static readonly Picture HostAndPort = new()
    {
        Title = "Outgoing Server",
        Controls =
        [
            new() { Type = "text", Label = "Server Name:", Value = "{server}", Callout = 1, Highlight = true },
            new() { Type = "text", Label = "Port:", Value = "{port}", Beside = true, Callout = 2, Highlight = true },
            new() { Type = "label", Label = "Default: 25", Beside = true },
            new() { Type = "radio", Label = "No", Checked = "false" },
            new() { Type = "radio", Label = "TLS", Checked = "tls", Beside = true },
        ],
    };

    private static XElement Text(XDocument svg, string content) =>
        svg.Descendants(Svg + "text").Single(t => t.Value == content);

    private static int X(XElement e) => int.Parse((string)e.Attribute("x")!, System.Globalization.CultureInfo.InvariantCulture);

    private static int Y(XElement e) => int.Parse((string)e.Attribute("y")!, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Controls_marked_beside_share_a_row_left_to_right_with_their_own_callouts()
    {
        var svg = XDocument.Parse(DialogPicture.Render(HostAndPort, "windows-xp", Values(), "p1"));

        var (name, port, fallback) = (Text(svg, "Server Name:"), Text(svg, "Port:"), Text(svg, "Default: 25"));
        Assert.Equal(Y(name), Y(port));
        Assert.Equal(Y(name), Y(fallback));
        Assert.True(X(name) < X(port) && X(port) < X(fallback), "the row reads left to right in the content's order");
        Assert.True(Y(Text(svg, "No")) > Y(name), "a control not marked beside starts a new row");
        Assert.Equal(Y(Text(svg, "No")), Y(Text(svg, "TLS")));

        // Each callout sits just after its own control, so two callouts on one row are told apart.
        var callouts = svg.Descendants(Svg + "circle").Where(c => (string?)c.Attribute("class") == "dialog-picture__callout")
            .Select(c => int.Parse((string)c.Attribute("cx")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(2, callouts.Count);
        Assert.True(callouts[0] < X(port) && X(port) < callouts[1] && callouts[1] < X(fallback));
    }

    [Fact]
    public void Phones_stack_controls_marked_beside()
    {
        var svg = XDocument.Parse(DialogPicture.Render(HostAndPort, "ios", Values(), "p1"));

        Assert.True(Y(Text(svg, "Port:")) > Y(Text(svg, "Server Name:")));
    }

    [Theory]
    [InlineData("windows-xp")]
    [InlineData("windows-vista")]
    [InlineData("windows-11")]
    [InlineData("mac-aqua")]
    [InlineData("mac-modern")]
    [InlineData("ios")]
    [InlineData("android")]
    [InlineData("plain")]
    public void Every_chrome_draws_a_valid_picture_with_unique_ids(string chrome)
    {
        var first = XDocument.Parse(DialogPicture.Render(Servers, chrome, Values(), "a"));
        var second = XDocument.Parse(DialogPicture.Render(Servers, chrome, Values(), "b"));

        var ids = first.Descendants().Concat(second.Descendants()).Select(e => (string?)e.Attribute("id")).Where(i => i is not null).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }
}
