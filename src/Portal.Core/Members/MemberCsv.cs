using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace Portal.Core.Members;

/// <summary>
/// A problem on one line of a members file: its <see cref="Kind"/> and values, which the staff console words in the
/// staff member's language (Staff.Import.Problem.*); <see cref="Reason"/> is the English the command line prints.
/// </summary>
public sealed record ImportProblem(int Line, string Field, string Kind, params string[] Values)
{
    private static readonly Dictionary<string, string> English = new(StringComparer.Ordinal)
    {
        ["NotText"] = "the file is neither UTF-8 nor Shift_JIS text",
        ["Empty"] = "the file is empty",
        ["MissingColumn"] = "this column is missing from the header",
        ["UnknownColumn"] = "unknown column (the columns are {0})",
        ["ColumnCount"] = "{0} columns where the header has {1}",
        ["EmptyValue"] = "is empty",
        ["NotAccount"] = "'{0}' is not an account name",
        ["Duplicate"] = "'{0}' is already on line {1}",
        ["ControlCharacter"] = "contains a line break or another control character",
        ["NotAddress"] = "'{0}' is not a mail address",
        ["TooLong"] = "is longer than {0} characters",
        ["UnknownProgram"] = "unknown program '{0}' (known: {1})",
        ["NotLanguage"] = "'{0}' is not ja or en",
    };

    public static IEnumerable<string> Kinds => English.Keys;

    public string Reason => string.Format(System.Globalization.CultureInfo.InvariantCulture, English[Kind], Values.Cast<object>().ToArray());
}

/// <summary>
/// What a members file holds: how many rows, how many can be imported, and its problems by line. Only the first
/// <see cref="MemberCsv.ProblemsListed"/> problems are kept; <see cref="ProblemCount"/> counts them all.
/// </summary>
public sealed record ImportReport(string Encoding, int Rows, int ValidRows, IReadOnlyList<ImportProblem> Problems, int ProblemCount)
{
    public bool IsValid => ProblemCount == 0 && Rows > 0;

    /// <summary>The lines whose account an earlier line has, in order: the import skips them.</summary>
    public IReadOnlyList<int> DuplicateLines { get; init; } = [];
}

/// <summary>
/// Reads a members CSV (RFC 4180; header "account,email,name,program,language"; program and language optional),
/// in UTF-8 (with or without BOM) or Shift_JIS, as exported by Japanese spreadsheet programs. The file is streamed,
/// never held: <see cref="CheckAsync"/> reads it once to report on it, <see cref="ValidRowsAsync"/> reads it again
/// to give the rows to import, so a million members take the memory of one line (duplicates are found by an external
/// sort, <see cref="DuplicateAccounts"/>). Validation only: it writes nothing but its own temporary files.
/// </summary>
public static class MemberCsv
{
    /// <summary>The largest upload the staff console takes; the command line streams files of any size.</summary>
    public const int MaxUploadBytes = 256 * 1024 * 1024;

    /// <summary>Problems kept for the report; a file of a million bad lines is counted, not listed.</summary>
    public const int ProblemsListed = 1000;

    private static readonly string[] Required = ["account", "email", "name"];
    private static readonly string[] Optional = ["program", "language"];

    static MemberCsv() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>Reads the whole file (opened by <paramref name="open"/>, perhaps twice: UTF-8 first, then Shift_JIS) and reports on it.</summary>
    public static async Task<ImportReport> CheckAsync(Func<Stream> open, IReadOnlySet<string> knownPrograms, CancellationToken cancellationToken)
    {
        foreach (var (name, encoding) in Encodings())
        {
            try
            {
                int rows = 0, valid = 0, problemCount = 0;
                var problems = new List<ImportProblem>();
                using var accounts = new DuplicateAccounts();
                await foreach (var entry in EntriesAsync(open, encoding, knownPrograms, cancellationToken))
                {
                    if (entry.Line > 1) rows++;
                    if (entry.Row is not null) valid++;
                    if (entry.Account is { } account) await accounts.AddAsync(account, entry.Line, entry.Row is not null, cancellationToken);
                    problemCount += entry.Problems.Count;
                    problems.AddRange(entry.Problems.Take(ProblemsListed - problems.Count));
                }

                var duplicates = await accounts.FindAsync(cancellationToken);
                var listed = problems
                    .Concat(duplicates.Take(ProblemsListed).Select(d => new ImportProblem(d.Line, "account", "Duplicate", d.Account, d.FirstLine.ToString(CultureInfo.InvariantCulture))))
                    // On a line, as the checks run: the column count, the account, then the other fields.
                    .OrderBy(p => p.Line).ThenBy(p => p.Kind == "ColumnCount" ? 0 : p.Field == "account" ? 1 : 2)
                    .Take(ProblemsListed).ToList();
                return new ImportReport(name, rows, valid - duplicates.Count(d => d.OtherwiseValid), listed, problemCount + duplicates.Count)
                {
                    DuplicateLines = duplicates.Select(d => d.Line).ToArray(),
                };
            }
            catch (DecoderFallbackException)
            {
                // Not this encoding: try the next one from the start.
            }
        }

        return new ImportReport("", 0, 0, [new ImportProblem(0, "", "NotText")], 1);
    }

    /// <summary>The rows <see cref="CheckAsync"/> found valid, with their lines, read again in the encoding it found.</summary>
    public static async IAsyncEnumerable<(int Line, MemberRow Row)> ValidRowsAsync(
        Func<Stream> open, ImportReport report, IReadOnlySet<string> knownPrograms, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var encoding = Encodings().Single(e => e.Name == report.Encoding).Encoding;
        var duplicate = 0;
        await foreach (var entry in EntriesAsync(open, encoding, knownPrograms, cancellationToken))
        {
            // Both in line order: one walk through the duplicates' lines.
            while (duplicate < report.DuplicateLines.Count && report.DuplicateLines[duplicate] < entry.Line) duplicate++;
            if (duplicate < report.DuplicateLines.Count && report.DuplicateLines[duplicate] == entry.Line) continue;
            if (entry.Row is { } row) yield return (entry.Line, row);
        }
    }

    private static IEnumerable<(string Name, Encoding Encoding)> Encodings()
    {
        yield return ("UTF-8", new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true));
        yield return ("Shift_JIS", Encoding.GetEncoding(932, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback));
    }

    /// <summary>
    /// One line of the file: a valid row, or its problems (the header's on line 1, an empty file's on line 0, end it);
    /// its account when that is well formed, for the duplicates (which the whole file decides).
    /// </summary>
    private readonly record struct Entry(int Line, MemberRow? Row, IReadOnlyList<ImportProblem> Problems, string? Account = null);

    private static async IAsyncEnumerable<Entry> EntriesAsync(
        Func<Stream> open, Encoding encoding, IReadOnlySet<string> knownPrograms, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var stream = open();
        // A UTF-8 byte order mark is read as such; Shift_JIS has none.
        using var reader = new StreamReader(stream, encoding, detectEncodingFromByteOrderMarks: false, bufferSize: 64 * 1024);
        var records = new CsvRecords(reader);
        if (!await records.NextAsync(cancellationToken))
        {
            yield return new Entry(0, null, [new ImportProblem(0, "", "Empty")]);
            yield break;
        }

        var header = records.Fields.Select(f => f.Trim().TrimStart('\uFEFF').ToLowerInvariant()).ToList();
        var missing = Required.Where(r => !header.Contains(r)).ToList();
        var unknown = header.Where(h => !Required.Contains(h) && !Optional.Contains(h)).ToList();
        if (missing.Count > 0 || unknown.Count > 0)
        {
            var problems = missing.Select(m => new ImportProblem(1, m, "MissingColumn"))
                .Concat(unknown.Select(u => new ImportProblem(1, u, "UnknownColumn", string.Join(", ", Required.Concat(Optional)))));
            yield return new Entry(1, null, problems.ToList());
            yield break;
        }

        var row = new RowCheck(header, knownPrograms);
        while (await records.NextAsync(cancellationToken))
        {
            var fields = records.Fields;
            if (fields.Count == 1 && fields[0].Length == 0) continue; // a blank line
            yield return row.Check(records.Line, fields);
        }
    }

    /// <summary>The rules for one data line.</summary>
    private sealed class RowCheck(List<string> header, IReadOnlySet<string> knownPrograms)
    {
        private readonly int _account = header.IndexOf("account");
        private readonly int _email = header.IndexOf("email");
        private readonly int _name = header.IndexOf("name");
        private readonly int _program = header.IndexOf("program");
        private readonly int _language = header.IndexOf("language");

        public Entry Check(int line, List<string> fields)
        {
            string Field(int i) => i >= 0 && i < fields.Count ? fields[i].Trim() : "";
            static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);
            var errors = new List<ImportProblem>();
            if (fields.Count != header.Count) errors.Add(new(line, "", "ColumnCount", Number(fields.Count), Number(header.Count)));

            var account = Field(_account);
            var wellFormed = false;
            if (account.Length == 0) errors.Add(new(line, "account", "EmptyValue"));
            else if (account.Length > 320 || HasAny(account, static c => char.IsWhiteSpace(c) || char.IsControl(c))) errors.Add(new(line, "account", "NotAccount", account));
            else wellFormed = true;

            // A line break in a name or address would become a header line of the e-mails sent to the member.
            var email = Field(_email);
            if (HasAny(email, char.IsControl)) errors.Add(new(line, "email", "ControlCharacter"));
            else if (!System.Net.Mail.MailAddress.TryCreate(email, out var parsed) || parsed.Address != email || email.Length > 320)
                errors.Add(email.Length == 0 ? new(line, "email", "EmptyValue") : new(line, "email", "NotAddress", email));

            var name = Field(_name);
            if (name.Length > 200) errors.Add(new(line, "name", "TooLong", "200"));
            else if (HasAny(name, char.IsControl)) errors.Add(new(line, "name", "ControlCharacter"));

            var program = Field(_program);
            if (program.Length > 0 && !knownPrograms.Contains(program))
                errors.Add(new(line, "program", "UnknownProgram", program, string.Join(", ", knownPrograms.Order())));

            var language = Field(_language).ToLowerInvariant();
            if (language.Length > 0 && language is not ("ja" or "en")) errors.Add(new(line, "language", "NotLanguage", language));

            return errors.Count > 0
                ? new Entry(line, null, errors, wellFormed ? account : null)
                : new Entry(line, new MemberRow(account, email, name, program.Length == 0 ? null : program, language.Length == 0 ? "ja" : language), [], account);
        }

        private static bool HasAny(string text, Func<char, bool> test)
        {
            foreach (var c in text)
            {
                if (test(c)) return true;
            }

            return false;
        }
    }

    /// <summary>RFC 4180 records with the line each starts on; a quoted field may hold commas, quotes ("") and line breaks.</summary>
    private sealed class CsvRecords(TextReader reader)
    {
        private readonly char[] _buffer = new char[64 * 1024];
        private readonly StringBuilder _field = new();
        private int _length;
        private int _position;
        private int _nextLine = 1;

        public List<string> Fields { get; } = [];

        public int Line { get; private set; }

        public async ValueTask<bool> NextAsync(CancellationToken cancellationToken)
        {
            if (!await FillAsync(cancellationToken)) return false;
            Fields.Clear();
            _field.Clear();
            Line = _nextLine;
            var quoted = false;
            while (await FillAsync(cancellationToken))
            {
                var c = _buffer[_position++];
                if (quoted)
                {
                    if (c == '"' && await FillAsync(cancellationToken) && _buffer[_position] == '"') { _field.Append('"'); _position++; }
                    else if (c == '"') quoted = false;
                    else { if (c == '\n') _nextLine++; _field.Append(c); }
                }
                else if (c == '"' && _field.Length == 0) quoted = true;
                else if (c == ',') { Fields.Add(_field.ToString()); _field.Clear(); }
                else if (c == '\r' && await FillAsync(cancellationToken) && _buffer[_position] == '\n') { }
                else if (c is '\n' or '\r') { _nextLine++; break; }
                else _field.Append(c);
            }

            Fields.Add(_field.ToString());
            return true;
        }

        /// <summary>True while a character is there to read at the position.</summary>
        private async ValueTask<bool> FillAsync(CancellationToken cancellationToken)
        {
            if (_position < _length) return true;
            _length = await reader.ReadAsync(_buffer, cancellationToken);
            _position = 0;
            return _length > 0;
        }
    }
}
