using Microsoft.Extensions.Options;
using Portal.Core.Configuration;
using Portal.Core.Localization;
using Portal.Core.Outbox;

namespace Portal.Core.Staff;

/// <summary>
/// Tells a staff member, by e-mail through the outbox, that their account was locked after failed sign-ins: the sign-in
/// page itself never says so, as that would tell an attacker which staff addresses exist. Once per lock (the key names it).
/// </summary>
public sealed class StaffLockNotice(MemberOutbox outbox, IOptions<IspOptions> isp, IOptions<ScheduleOptions> schedule, IOptions<StaffOptions> staff)
{
    public Task SendAsync(string email, DateTimeOffset until, string fromAddress, CancellationToken cancellationToken)
    {
        var at = $"{DateText.Time(until, schedule.Value.TimeZone, "yyyy-MM-dd HH:mm")} ({schedule.Value.TimeZone})";
        var failures = staff.Value.LockoutFailures;
        var text = $"""
            {isp.Value.Name.Ja} 会員メール設定ポータルのスタッフアカウント {email} は、サインインに {failures} 回続けて失敗したため、{at} までロックされています。
            最後の試みは {fromAddress} からでした。心当たりがない場合は、管理者に連絡してください。

            Your staff account {email} on the {isp.Value.Name.En} member mail-settings portal is locked until {at}
            after {failures} failed sign-ins in a row, the last from {fromAddress}. If that was not you, tell an administrator.
            """;
        return outbox.EnqueueAsync(new OutgoingMail($"staff-lock:{until.UtcTicks}:{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(email)))}", OutgoingMailKind.StaffNotice, email, null,
            "スタッフアカウントがロックされました / Your staff account is locked", text, null, "ja"), cancellationToken);
    }
}
