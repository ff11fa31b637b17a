using Portal.Core;
using System.CommandLine;
using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Portal.Core.Configuration;
using Portal.Core.Data;
using Portal.Core.Evidence;
using Portal.Core.Members;

namespace Portal.Cli;

/// <summary>
/// `portal evidence import FILE...|-`, `portal evidence follow -` and `portal evidence show ACCOUNT [--json]`: migration
/// evidence from the mail server's own Postfix log (issue 17), counted per member, kind and day.
/// </summary>
internal static class EvidenceCommand
{
    private const string StandardInput = "-";

    public static Command Create(string? contentRoot, TextWriter output, TextWriter error, TextReader? input)
    {
        Stream OpenInput() => input is null ? Console.OpenStandardInput() : new TextReaderStream(input);

        var files = new Argument<string[]>("FILE")
        {
            Arity = ArgumentArity.OneOrMore,
            Description = "Postfix log files, plain or gzip, in any order (they are read oldest first, by logrotate's names: maillog.2.gz, maillog.1, maillog), or - for standard input.",
        };
        var importYear = YearOption();
        var import = new Command("import", "Count what the log says about each member; lines counted before (even under another name after rotation, or compressed) are not counted again. Exit 0, 1 if it could not finish, 2 on usage or configuration errors.")
        {
            files, importYear,
        };
        import.SetAction((p, ct) => PortalCommand.WithDatabaseAsync(contentRoot, error,
            sp => ImportAsync(sp, p.GetValue(files)!, p.GetValue(importYear), OpenInput, output, error, ct), ct));

        var followInput = new Argument<string>("INPUT") { Description = "- : the log on standard input, e.g. from tail -F /var/log/mail.log or journalctl -f -o short-iso." };
        var name = new Option<string>("--name")
        {
            Description = "The log's name (letters, digits, '.', '_', '-'): one process at a time follows a name; give each mail server's log its own.",
            DefaultValueFactory = _ => "default",
        };
        var followYear = YearOption();
        var follow = new Command("follow", "Count an endless log as it comes, under a lease in the database: a second process following the same name is refused (exit 75). Exit 0 when the input ends or on SIGTERM, 1 on failure, 2 on usage or configuration errors.")
        {
            followInput, name, followYear,
        };
        follow.SetAction((p, ct) => PortalCommand.WithDatabaseAsync(contentRoot, error,
            sp => FollowAsync(sp, p.GetValue(followInput)!, p.GetValue(name)!, p.GetValue(followYear), OpenInput, output, error, ct), ct));

        var account = new Argument<string>("ACCOUNT") { Description = "The member's account or mail address." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object." };
        var show = new Command("show", "What the mail server's log says about one member over the days kept: per kind, how many, first and last. Exit 0, 1 for an unknown member, 2 on configuration errors.")
        {
            account, json,
        };
        show.SetAction((p, ct) => PortalCommand.WithDatabaseAsync(contentRoot, error, sp => ShowAsync(sp, p.GetValue(account)!, p.GetValue(json), output, error, ct), ct));

        return new Command("evidence", "Migration evidence from the mail server's own log: who sends on port 25, who has moved to submission with SMTP-AUTH.")
        {
            import, follow, show,
        };
    }

    private static Option<int?> YearOption() => new("--year")
    {
        Description = "The year of the first classic time stamp (\"Dec  2 15:04:05\" has none); default: the latest year that does not put it in the future.",
    };

    private static async Task<int> ImportAsync(IServiceProvider services, string[] files, int? year, Func<Stream> openInput, TextWriter output, TextWriter error,
        CancellationToken cancellationToken)
    {
        if (!await OptionsValidAsync(services, error)) return ExitCode.Usage;
        if (YearOf(services, year, error) is not { } classicYear) return ExitCode.Usage;
        List<EvidenceInput> inputs;
        if (files.Contains(StandardInput))
        {
            if (files.Length > 1)
            {
                await error.WriteLineAsync("- (standard input) is a log of its own: give it alone, or give files.");
                return ExitCode.Usage;
            }

            inputs = [EvidenceInput.FromStream("standard input", openInput())];
        }
        else
        {
            if (files.FirstOrDefault(f => !File.Exists(f)) is { } missing)
            {
                await error.WriteLineAsync($"Cannot read {missing}: no such file.");
                return ExitCode.Usage;
            }

            inputs = PostfixLogFiles.OldestFirst(files).Select(EvidenceInput.File).ToList();
        }

        EvidenceImportReport report;
        try
        {
            report = await services.GetRequiredService<EvidenceImport>().ImportAsync(inputs, classicYear, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"Cannot read the log: {e.Message} (what was written before stays counted; import again to go on)");
            return ExitCode.Failed;
        }
        catch (DbException e)
        {
            await error.WriteLineAsync($"Cannot write the evidence in the {MigrateCommand.Describe(services.GetRequiredService<PortalDatabase>().Location)}: {e.Message}");
            return ExitCode.Failed;
        }

        foreach (var file in report.Files)
        {
            var fresh = Math.Max(0, file.Lines - file.CountedBefore);
            await output.WriteLineAsync(file.Lines == 0 ? $"{file.Name}: empty"
                : fresh == 0 ? $"{file.Name}: {file.Lines} lines, nothing new (counted before)"
                : $"{file.Name}: {file.Lines} lines, {fresh} new");
        }

        var log = report.Log;
        await output.WriteLineAsync($"Read: {log.LinesRead} lines, {log.LinesUnreadable} unreadable ({log.LinesFromOtherPrograms} of them other programs')");
        await output.WriteLineAsync($"Counted: {PerKind(k => report.Counted[(int)k])}");
        await output.WriteLineAsync($"Members seen: {PerKind(k => report.MembersSeen(k))}");
        await output.WriteLineAsync($"Not matched to a member: {PerKind(k => report.Unmatched[(int)k])}");
        await output.WriteLineAsync($"Not counted: {report.CountedBefore} counted before, {report.TooOld} older than the days kept, "
                                    + $"{report.LeftWaiting} left waiting for the log to go on");
        if (report.CompressedDamaged > 0) await error.WriteLineAsync($"{report.CompressedDamaged} compressed file(s) were damaged: read up to the damage.");
        if (report.Stopped is { } why)
        {
            await error.WriteLineAsync(why);
            return ExitCode.Failed;
        }

        return ExitCode.Ok;
    }

    private static async Task<int> FollowAsync(IServiceProvider services, string input, string name, int? year, Func<Stream> openInput, TextWriter output,
        TextWriter error, CancellationToken cancellationToken)
    {
        if (input != StandardInput)
        {
            await error.WriteLineAsync("follow reads standard input only: give - and pipe the log in (tail -F /var/log/mail.log | portal evidence follow -).");
            return ExitCode.Usage;
        }

        if (name.Length is 0 or > 50 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
        {
            await error.WriteLineAsync($"--name '{name}': letters, digits, '.', '_' and '-' only, at most 50.");
            return ExitCode.Usage;
        }

        if (!await OptionsValidAsync(services, error)) return ExitCode.Usage;
        if (YearOf(services, year, error) is not { } classicYear) return ExitCode.Usage;
        EvidenceFollowReport report;
        try
        {
            await using var stream = openInput();
            report = await services.GetRequiredService<EvidenceFollower>().FollowAsync(stream, name, classicYear, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"Cannot read the log: {e.Message} (what was written before stays counted)");
            return ExitCode.Failed;
        }
        catch (DbException e)
        {
            await error.WriteLineAsync($"Cannot follow with the {MigrateCommand.Describe(services.GetRequiredService<PortalDatabase>().Location)}: {e.Message}");
            return ExitCode.Failed;
        }

        switch (report.End)
        {
            case FollowEnd.HeldElsewhere:
                await error.WriteLineAsync($"The log '{name}' is followed by {report.Source?.LeaseOwner} (its lease runs to {report.Source?.LeaseUntil:u}): "
                                           + "not following it twice. Try again later, or give this one another --name if it is another server's log.");
                return ExitCode.TryLater;
            case FollowEnd.LeaseLost:
                await error.WriteLineAsync($"Another process took the log '{name}' over (this one could not renew its lease in time); what was read since the last write was not counted.");
                return ExitCode.Failed;
            default:
                await output.WriteLineAsync($"Followed '{name}' ({(report.End == FollowEnd.Stopped ? "stopped" : "its input ended")}): {report.Lines} lines, {report.Writes} writes");
                await output.WriteLineAsync($"Counted: {PerKind(k => report.Counted[(int)k])}");
                await output.WriteLineAsync($"Not matched to a member: {PerKind(k => report.Unmatched[(int)k])}");
                await output.WriteLineAsync($"Not counted: {report.Replayed} replayed (counted before), {report.TooOld} older than the days kept");
                return ExitCode.Ok;
        }
    }

    private static async Task<int> ShowAsync(IServiceProvider services, string account, bool json, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (!await OptionsValidAsync(services, error)) return ExitCode.Usage;
        Member? member;
        IReadOnlyList<EvidenceSummary> evidence;
        try
        {
            member = await services.GetRequiredService<MemberStore>().FindByAddressAsync(account, cancellationToken);
            evidence = member is null ? [] : await services.GetRequiredService<EvidenceStore>().SummaryAsync(member.Id, cancellationToken);
        }
        catch (DbException e)
        {
            await error.WriteLineAsync($"Cannot read the evidence in the {MigrateCommand.Describe(services.GetRequiredService<PortalDatabase>().Location)}: {e.Message}");
            return ExitCode.Failed;
        }

        if (member is null)
        {
            await error.WriteLineAsync($"No member has the account or address {account.Trim()}.");
            return ExitCode.Failed;
        }

        var zone = TimeZoneInfo.FindSystemTimeZoneById(services.GetRequiredService<IOptions<ScheduleOptions>>().Value.TimeZone);
        var keepDays = services.GetRequiredService<IOptions<EvidenceOptions>>().Value.KeepDays;
        var verdict = EvidenceVerdicts.Of(evidence);
        string Time(DateTimeOffset at, string format) => TimeZoneInfo.ConvertTime(at, zone).ToString(format, CultureInfo.InvariantCulture);
        if (json)
        {
            var kinds = new Dictionary<string, object?>();
            foreach (var kind in EvidenceKinds.All)
            {
                var e = evidence.FirstOrDefault(s => s.Kind == kind);
                kinds[kind.WireName()] = new
                {
                    count = e?.Count ?? 0,
                    first = e is null ? null : Time(e.FirstAt, "yyyy-MM-dd'T'HH:mm:sszzz"),
                    last = e is null ? null : Time(e.LastAt, "yyyy-MM-dd'T'HH:mm:sszzz"),
                };
            }

            await output.WriteLineAsync(JsonSerializer.Serialize(new { account = member.Account, email = member.Email, keepDays, verdict = verdict.WireName(), kinds }));
            return ExitCode.Ok;
        }

        await output.WriteLineAsync($"{member.Account} ({member.Email}): the mail server's log over the last {keepDays} days (times in {zone.Id})");
        foreach (var kind in EvidenceKinds.All)
        {
            var e = evidence.FirstOrDefault(s => s.Kind == kind);
            await output.WriteLineAsync(e is null
                ? $"  {kind.WireName(),-16} none"
                : $"  {kind.WireName(),-16} {e.Count,6}  first {Time(e.FirstAt, "yyyy-MM-dd HH:mm")}  last {Time(e.LastAt, "yyyy-MM-dd HH:mm")}");
        }

        var submission = evidence.FirstOrDefault(e => e.Kind == EvidenceKind.SubmissionAuth);
        var port25 = evidence.Where(e => e.Kind is EvidenceKind.Port25NoAuth or EvidenceKind.Port25Auth).Select(e => (DateTimeOffset?)e.LastAt).Max();
        await output.WriteLineAsync(verdict switch
        {
            EvidenceVerdict.Moved => $"Moved: sends on the submission port with SMTP-AUTH since {Time(submission!.FirstAt, "yyyy-MM-dd HH:mm")}, nothing on port 25 after that.",
            EvidenceVerdict.Both => $"Not all moved: port 25 still used on {Time(port25!.Value, "yyyy-MM-dd HH:mm")}, after the submission port on {Time(submission!.FirstAt, "yyyy-MM-dd HH:mm")} (another program or device?).",
            EvidenceVerdict.NotMoved => $"Not moved: port 25 only, last on {Time(port25!.Value, "yyyy-MM-dd HH:mm")}.",
            EvidenceVerdict.SignInFailing => "Signs in and fails: the program tries SMTP-AUTH with a wrong user name or password.",
            _ => $"No mail from this member in the log over the last {keepDays} days.",
        });
        if (evidence.Any(e => e.Kind == EvidenceKind.Port25NoAuth))
            await output.WriteLineAsync("(port25-noauth is known by the sender address only: anyone can write it.)");
        return ExitCode.Ok;
    }

    private static string PerKind(Func<EvidenceKind, long> value) => string.Join(", ", EvidenceKinds.All.Select(k => $"{k.WireName()} {value(k)}"));

    private static ClassicYear? YearOf(IServiceProvider services, int? year, TextWriter error)
    {
        if (year is null) return ClassicYear.Inferred(services.GetRequiredService<TimeProvider>());
        if (year is >= 1970 and <= 9998) return ClassicYear.StartingIn(year.Value);
        error.WriteLine($"--year {year}: not a year.");
        return null;
    }

    private static async Task<bool> OptionsValidAsync(IServiceProvider services, TextWriter error)
    {
        try
        {
            _ = services.GetRequiredService<IOptions<EvidenceOptions>>().Value;
            _ = services.GetRequiredService<IOptions<IspOptions>>().Value;
            _ = services.GetRequiredService<IOptions<ScheduleOptions>>().Value;
            return true;
        }
        catch (OptionsValidationException e)
        {
            foreach (var failure in e.Failures) await error.WriteLineAsync(failure);
            return false;
        }
    }

    /// <summary>Standard input as the tests give it (a TextReader), as bytes: UTF-8, as a log is.</summary>
    private sealed class TextReaderStream(TextReader reader) : ForwardOnlyStream
    {
        private readonly char[] _chars = new char[4096];
        private readonly Encoder _encoder = new UTF8Encoding(false).GetEncoder();
        private byte[] _bytes = [];
        private int _start;
        private int _end;

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            while (_start == _end)
            {
                var read = reader.Read(_chars, 0, _chars.Length);
                if (read == 0) return 0;
                var size = _encoder.GetByteCount(_chars, 0, read, flush: false);
                if (_bytes.Length < size) _bytes = new byte[size];
                (_start, _end) = (0, _encoder.GetBytes(_chars, 0, read, _bytes, 0, flush: false));
            }

            var n = Math.Min(buffer.Length, _end - _start);
            _bytes.AsSpan(_start, n).CopyTo(buffer);
            _start += n;
            return n;
        }
    }
}
