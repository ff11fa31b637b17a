using Portal.Web.Infrastructure;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Portal.Core.Localization;
using Portal.Core.Probe;
using Portal.Web.Localization;

namespace Portal.Web.Pages.Probe;

/// <summary>
/// The probe for the page's script: the same form post (antiforgery token included), answered as newline-delimited JSON,
/// one line per step as it completes, then one line with the outcome.
/// </summary>
[Route("test/run")]
public sealed class ProbeController(ProbeDesk desk, ProbeMessages messages, IStringLocalizer<PortalText> text, Portal.Core.Guides.GuideLibrary library) : Controller
{
    [HttpPost("")]
    public async Task Run([FromForm] string? account, [FromForm] string? password, [FromForm(Name = "client")] string? program, [FromForm] bool sendTestMessage,
        [FromForm] string? otherHost, [FromForm] int? otherPort, CancellationToken cancellationToken)
    {
        Response.ContentType = "application/x-ndjson; charset=utf-8";
        Response.Headers.CacheControl = "no-store";
        // Each step is flushed as it completes: a proxy that buffers (nginx does by default) would show them all at the end.
        Response.Headers["X-Accel-Buffering"] = "no";

        var steps = Channel.CreateUnbounded<ProbeStep>(new UnboundedChannelOptions { SingleReader = true });
        // Only a known program is kept with the result.
        var guide = program is null ? null : library.Find(program, "ja");
        var probing = RunAndComplete(new MemberProbe(account ?? "", password ?? "", guide?.Id, ClientIp.Of(HttpContext), sendTestMessage, otherHost, otherPort) { ProgramSends = guide?.Sends }, steps.Writer, cancellationToken);
        await foreach (var step in steps.Reader.ReadAllAsync(cancellationToken))
        {
            var status = step.Status.ToString().ToLowerInvariant();
            await WriteAsync(new { type = "step", step.Name, label = text[$"Probe.Step.{step.Name}"].Value, status, statusLabel = text[$"Probe.Status.{status}"].Value, step.Ms, detail = StepDetails.For(step, PortalCultures.Current) }, cancellationToken);
        }

        switch (await probing)
        {
            case ProbeOutcome.Completed done:
                await WriteAsync(new { type = "done", url = $"/test/r/{done.Result.Code}", verdict = done.Result.Report.Verdict.ToString().ToLowerInvariant(), done.Result.Report.Diagnosis }, cancellationToken);
                break;
            case var other:
                var message = messages.For(other);
                await WriteAsync(new { type = "problem", message = message.Text, field = message.Field, retryAfterSeconds = message.RetryAfterSeconds }, cancellationToken);
                break;
        }
    }

    private async Task<ProbeOutcome> RunAndComplete(MemberProbe member, ChannelWriter<ProbeStep> steps, CancellationToken cancellationToken)
    {
        try
        {
            return await desk.RunAsync(member, new Progress(steps), cancellationToken);
        }
        finally
        {
            steps.TryComplete();
        }
    }

    private async Task WriteAsync(object line, CancellationToken cancellationToken)
    {
        await Response.WriteAsync(JsonSerializer.Serialize(line, JsonSerializerOptions.Web) + "\n", cancellationToken);
        await Response.Body.FlushAsync(cancellationToken);
    }

    private sealed class Progress(ChannelWriter<ProbeStep> steps) : IProgress<ProbeStep>
    {
        public void Report(ProbeStep value) => steps.TryWrite(value);
    }
}
