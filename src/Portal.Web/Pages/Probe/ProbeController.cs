using Portal.Web.Infrastructure;
using System.Buffers;
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
        // Each step goes out as soon as it is known; steps known together (the probe often ends several at once) go out
        // in one write and one flush.
        while (await steps.Reader.WaitToReadAsync(cancellationToken))
        {
            while (steps.Reader.TryRead(out var step))
            {
                var status = step.Status.ToString().ToLowerInvariant();
                Append(new { type = "step", step.Name, label = text[$"Probe.Step.{step.Name}"].Value, status, statusLabel = text[$"Probe.Status.{status}"].Value, step.Ms, detail = StepDetails.For(step, PortalCultures.Current) });
            }

            await Response.BodyWriter.FlushAsync(cancellationToken);
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
        Append(line);
        await Response.BodyWriter.FlushAsync(cancellationToken);
    }

    /// <summary>One NDJSON line into the response's buffer, as UTF-8 straight away; sent at the next flush.</summary>
    private void Append(object line)
    {
        using (var json = new Utf8JsonWriter(Response.BodyWriter)) JsonSerializer.Serialize(json, line, JsonSerializerOptions.Web);
        Response.BodyWriter.Write("\n"u8);
    }

    private sealed class Progress(ChannelWriter<ProbeStep> steps) : IProgress<ProbeStep>
    {
        public void Report(ProbeStep value) => steps.TryWrite(value);
    }
}
