using Portal.Core.Localization;
using System.Security.Cryptography.X509Certificates;
using MailKit.Security;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Members;
using Portal.Tests.CheckMail;
using Portal.Tests.Infrastructure;
using Portal.Tests.Probe;

namespace Portal.Tests.Members;

/// <summary>What a known member does on their own shows on their timeline and moves their status on.</summary>
public sealed class MemberProgressTests
{
    private static readonly WebApplicationFactoryClientOptions NoRedirects = new() { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") };

    [Fact]
    public async Task A_passing_probe_then_a_verified_check_message_raise_the_members_status_and_fill_the_timeline()
    {
        using var portal = new PortalFactory();
        var members = portal.Services.GetRequiredService<MemberStore>();
        await members.UpsertAsync([new MemberRow("demo@example.jp", "demo@example.jp", "Demo", null, "ja")], "test file", CancellationToken.None);
        using var client = portal.CreateClient(NoRedirects);

        using var wrong = await ProbeForm.PostAsync(client, "demo@example.jp", "not-the-password");
        var afterWrong = (await members.FindByAddressAsync("demo@example.jp", CancellationToken.None))!;
        using var right = await ProbeForm.PostAsync(client, "demo@example.jp", "demo-587-pass");
        var afterProbe = (await members.FindByAddressAsync("demo@example.jp", CancellationToken.None))!;

        var (path, code) = await CheckMailPageTests.GetCodeAsync(client);
        using var certificate = X509CertificateLoader.LoadPkcs12FromFile(portal.Setting("Demo:CertificateFile")!, null);
        await CheckMailSender.SendAsync(CheckMailSender.Message("demo@example.jp", "check@example.jp", code, "Becky! ver. 2.75.01"),
            int.Parse(portal.Setting("Demo:Port")!), SecureSocketOptions.StartTls, certificate, "demo@example.jp", "demo-587-pass");
        await CheckMailPageTests.WaitForVerdictAsync(client, path);
        var afterCheck = (await members.FindByAddressAsync("demo@example.jp", CancellationToken.None))!;
        var timeline = await members.EventsAsync(afterCheck.Id, CancellationToken.None);

        Assert.Equal((MemberStatus.NotContacted, MemberStatus.ProbePassed, MemberStatus.ProgramVerified), (afterWrong.Status, afterProbe.Status, afterCheck.Status));
        Assert.Equal([MemberEventKinds.Imported, MemberEventKinds.Probe, MemberEventKinds.Probe, MemberEventKinds.CheckMail], timeline.Select(e => e.Kind));
        // Kept as words and values, so the console says them in the staff member's language.
        var (wrongProbe, rightProbe, check) = (SaidDetail.Read(timeline[1].Detail)!, SaidDetail.Read(timeline[2].Detail)!, SaidDetail.Read(timeline[3].Detail)!);
        Assert.Equal(("probe", "fail", "auth-failed"), (wrongProbe.Key, wrongProbe.Values[0], wrongProbe.Values[1]));
        Assert.Equal(("probe", "pass", "ok"), (rightProbe.Key, rightProbe.Values[0], rightProbe.Values[1]));
        Assert.Equal(("check-signed-in", "AllSet", "becky-2", "demo@example.jp"), (check.Key, check.Values[0], check.Values[2], check.Values[3]));
    }

    [Fact]
    public async Task A_check_message_with_someone_elses_From_line_verifies_nobody_but_the_account_that_signed_in()
    {
        using var portal = new PortalFactory();
        var members = portal.Services.GetRequiredService<MemberStore>();
        await members.UpsertAsync([new MemberRow("taro", "taro@example.jp", "Taro", null, "ja")], "test file", CancellationToken.None);
        using var client = portal.CreateClient(NoRedirects);

        var (path, code) = await CheckMailPageTests.GetCodeAsync(client);
        using var certificate = X509CertificateLoader.LoadPkcs12FromFile(portal.Setting("Demo:CertificateFile")!, null);
        // The demo account signs in, but the message claims to be from Taro.
        await CheckMailSender.SendAsync(CheckMailSender.Message("taro@example.jp", "check@example.jp", code), int.Parse(portal.Setting("Demo:Port")!),
            SecureSocketOptions.StartTls, certificate, "demo@example.jp", "demo-587-pass", envelopeFrom: "demo@example.jp");
        await CheckMailPageTests.WaitForVerdictAsync(client, path);
        var taro = (await members.FindByAddressAsync("taro", CancellationToken.None))!;

        Assert.Equal(MemberStatus.NotContacted, taro.Status);
        Assert.Equal([MemberEventKinds.Imported], (await members.EventsAsync(taro.Id, CancellationToken.None)).Select(e => e.Kind));
    }

    [Fact]
    public async Task A_check_message_whose_timeline_entry_fails_leaves_its_code_live_and_counts_once_when_sent_again()
    {
        using var portal = new PortalFactory();
        var members = portal.Services.GetRequiredService<MemberStore>();
        await members.UpsertAsync([new MemberRow("demo@example.jp", "demo@example.jp", "Demo", null, "ja")], "test file", CancellationToken.None);
        using var client = portal.CreateClient(NoRedirects);
        var (path, code) = await CheckMailPageTests.GetCodeAsync(client);
        using var certificate = X509CertificateLoader.LoadPkcs12FromFile(portal.Setting("Demo:CertificateFile")!, null);
        Task Send() => CheckMailSender.SendAsync(CheckMailSender.Message("demo@example.jp", "check@example.jp", code, "Becky! ver. 2.75.01"),
            int.Parse(portal.Setting("Demo:Port")!), SecureSocketOptions.StartTls, certificate, "demo@example.jp", "demo-587-pass");
        var database = portal.Services.GetRequiredService<Portal.Core.Data.PortalDatabase>();

        // First the timeline cannot be written, then the member's status cannot be raised (after the timeline entry was
        // written): either way the code must not be used up, and nothing of the attempt may stay.
        foreach (var trigger in new[] { "BEFORE INSERT ON MemberEvents", "BEFORE UPDATE ON Members" })
        {
            await using (var connection = await database.OpenAsync(CancellationToken.None))
                await Dapper.SqlMapper.ExecuteAsync(connection, $"CREATE TRIGGER Away {trigger} BEGIN SELECT RAISE(ABORT, 'away'); END;");
            await Assert.ThrowsAsync<MailKit.Net.Smtp.SmtpCommandException>(Send);
            var status = await PageReader.GetAsync(client, path + "?handler=status&culture=en");
            Assert.Equal("waiting", status.QuerySelector("#check-status")!.GetAttribute("data-state"));
            var member = (await members.FindByAddressAsync("demo@example.jp", CancellationToken.None))!;
            Assert.Equal(MemberStatus.NotContacted, member.Status);
            Assert.DoesNotContain(await members.EventsAsync(member.Id, CancellationToken.None), e => e.Kind == MemberEventKinds.CheckMail);
            await using (var connection = await database.OpenAsync(CancellationToken.None))
                await Dapper.SqlMapper.ExecuteAsync(connection, "DROP TRIGGER Away");
        }

        await Send();
        var verdict = await CheckMailPageTests.WaitForVerdictAsync(client, path);

        Assert.Equal("AllSet", verdict.QuerySelector("#check-verdict")!.GetAttribute("data-verdict"));
        var demo = (await members.FindByAddressAsync("demo@example.jp", CancellationToken.None))!;
        Assert.Equal(MemberStatus.ProgramVerified, demo.Status);
        Assert.Single(await members.EventsAsync(demo.Id, CancellationToken.None), e => e.Kind == MemberEventKinds.CheckMail);
    }
}
