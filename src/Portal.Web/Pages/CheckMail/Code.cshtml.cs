using Portal.Core.Guides;
using Portal.Core.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Portal.Core.CheckMail;
using Portal.Core.Configuration;

namespace Portal.Web.Pages.CheckMail;

/// <summary>
/// One code's page, at an address only its requester knows: the code, the address to write to, and the result region,
/// which the script refreshes (handler "status") until the message comes in; without JavaScript a button reloads.
/// </summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class CodeModel(CheckCodeStore codes, CheckMailSetup setup, GuideLibrary library, IOptions<ScheduleOptions> schedule, TimeProvider time) : PageModel
{
    public CheckCodeState State { get; private set; } = null!;

    public string Address => setup.Address ?? "";

    public CheckStatusView Status { get; private set; } = null!;

    public string ExpiresAt => DateText.Time(State.ExpiresAt, schedule.Value.TimeZone);

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(token, cancellationToken)) return NotFound();
        return Page();
    }

    /// <summary>Just the result region, for the page's script.</summary>
    public async Task<IActionResult> OnGetStatusAsync(string token, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(token, cancellationToken)) return NotFound();
        return Partial("_CheckStatus", Status);
    }

    private async Task<bool> LoadAsync(string token, CancellationToken cancellationToken)
    {
        if (await codes.FindAsync(token, cancellationToken) is not { } state) return false;
        State = state;
        Status = CheckStatusView.For(state, library, time.GetUtcNow(), Url.Page("/CheckMail/Code", "status", new { token })!, schedule.Value.TimeZone, Address);
        return true;
    }
}

/// <summary>What the result region shows: still waiting, expired, or the verdict with the guide step that fixes it.</summary>
public sealed record CheckStatusView(string State, CheckCodeState Code, Guide? Guide, GuideStep? FixStep, string StatusUrl, string? ReceivedAt)
{
    /// <summary>After this long with nothing arrived, the page says what usually causes it (and keeps waiting).</summary>
    public static readonly TimeSpan HintAfter = TimeSpan.FromSeconds(90);

    /// <summary>What usually keeps a message from arriving, each with the step of the member's guide that fixes it.</summary>
    public IReadOnlyList<(string Key, GuideStep? Step)> Hints { get; init; } = [];

    /// <summary>The check address, for the hint about the wrong recipient.</summary>
    public string Address { get; init; } = "";

    public static CheckStatusView For(CheckCodeState code, GuideLibrary library, DateTimeOffset now, string statusUrl, string timeZone, string address = "")
    {
        var state = code.Result is not null ? "done" : code.IsWaiting(now) ? "waiting" : "expired";
        // The program the message itself names comes first; the member's own choice is the fallback.
        var guide = (code.Result?.Program is { } detected ? library.Find(detected, PortalCultures.Current) : null)
                    ?? (code.Program is { } chosen ? library.Find(chosen, PortalCultures.Current) : null);
        var tag = code.Result?.Verdict switch
        {
            TraceVerdict.Port25 => "port",
            TraceVerdict.NoAuthentication => "auth",
            TraceVerdict.NoTls => "security",
            _ => null,
        };
        var step = guide is not null && tag is not null ? ErrorAnswers.StepFor(guide, tag) : null;
        var received = code.ReceivedAt is { } at ? DateText.Time(at, timeZone, "HH:mm:ss") : null;
        var hints = state == "waiting" && now - code.CreatedAt >= HintAfter
            ? new[] { ("Port25", "port"), ("NoAuth", "auth"), ("Address", "test"), ("Subject", "test") }
                .Select(h => (h.Item1, guide is null ? null : ErrorAnswers.StepFor(guide, h.Item2))).ToList()
            : [];
        return new CheckStatusView(state, code, guide, step, statusUrl, received) { Hints = hints, Address = address };
    }
}
