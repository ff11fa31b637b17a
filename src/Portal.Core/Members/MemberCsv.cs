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
        ["TooLarge"] = "the file is larger than {0} MB",
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

/// <summary>What a members file holds: the rows that can be imported, and every problem with its line number.</summary>
public sealed record ImportReport(string Encoding, int Rows, IReadOnlyList<(int Line, MemberRow Row)> Valid, IReadOnlyList<ImportProblem> Problems)
{
    public bool IsValid => Problems.Count == 0 && Rows > 0;
}

/// <summary>
/// Reads a members CSV (RFC 4180; header "account,email,name,program,language"; program and language optional),
/// in UTF-8 (with or without BOM) or Shift_JIS, as exported by Japanese spreadsheet programs. Validation only: it
/// never writes anything.
/// </summary>
public static class MemberCsv
{
    public const int MaxBytes = 20 * 1024 * 1024;

    private static readonly string[] Required = ["account", "email", "name"];
    private static readonly string[] Optional = ["program", "language"];

    static MemberCsv() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static ImportReport Read(byte[] bytes, IReadOnlySet<string> knownPrograms)
    {
        if (bytes.Length > MaxBytes) return Fail("", "TooLarge", (MaxBytes / 1024 / 1024).ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (Decode(bytes) is not { } decoded) return Fail("", "NotText");
        var (text, encoding) = decoded;

        var records = Records(text).ToList();
        if (records.Count == 0) return Fail(encoding, "Empty");
        var header = records[0].Fields.Select(f => f.Trim().ToLowerInvariant()).ToList();
        var missing = Required.Where(r => !header.Contains(r)).ToList();
        var unknown = header.Where(h => !Required.Contains(h) && !Optional.Contains(h)).ToList();
        if (missing.Count > 0 || unknown.Count > 0)
        {
            var problems = missing.Select(m => new ImportProblem(1, m, "MissingColumn"))
                .Concat(unknown.Select(u => new ImportProblem(1, u, "UnknownColumn", string.Join(", ", Required.Concat(Optional)))));
            return new ImportReport(encoding, 0, [], problems.ToList());
        }

        int Column(string name) => header.IndexOf(name);
        var valid = new List<(int, MemberRow)>();
        var errors = new List<ImportProblem>();
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var (line, fields) in records.Skip(1))
        {
            if (fields.Count == 1 && fields[0].Length == 0) continue; // a blank line
            string Field(string name) => Column(name) is var i and >= 0 && i < fields.Count ? fields[i].Trim() : "";
            var before = errors.Count;
            if (fields.Count != header.Count) errors.Add(new(line, "", "ColumnCount", fields.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), header.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)));

            var account = Field("account");
            if (account.Length == 0) errors.Add(new(line, "account", "EmptyValue"));
            else if (account.Length > 320 || account.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))) errors.Add(new(line, "account", "NotAccount", account));
            else if (seen.TryGetValue(account, out var first)) errors.Add(new(line, "account", "Duplicate", account, first.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            else seen[account] = line;

            // A line break in a name or address would become a header line of the e-mails sent to the member.
            var email = Field("email");
            if (email.Any(char.IsControl)) errors.Add(new(line, "email", "ControlCharacter"));
            else if (!System.Net.Mail.MailAddress.TryCreate(email, out var parsed) || parsed.Address != email || email.Length > 320)
                errors.Add(email.Length == 0 ? new(line, "email", "EmptyValue") : new(line, "email", "NotAddress", email));

            var name = Field("name");
            if (name.Length > 200) errors.Add(new(line, "name", "TooLong", "200"));
            else if (name.Any(char.IsControl)) errors.Add(new(line, "name", "ControlCharacter"));

            var program = Field("program");
            if (program.Length > 0 && !knownPrograms.Contains(program))
                errors.Add(new(line, "program", "UnknownProgram", program, string.Join(", ", knownPrograms.Order())));

            var language = Field("language").ToLowerInvariant();
            if (language.Length > 0 && language is not ("ja" or "en")) errors.Add(new(line, "language", "NotLanguage", language));

            if (errors.Count == before)
                valid.Add((line, new MemberRow(account, email, name, program.Length == 0 ? null : program, language.Length == 0 ? "ja" : language)));
        }

        return new ImportReport(encoding, valid.Count + errors.Select(e => e.Line).Distinct().Count(), valid, errors);
    }

    private static ImportReport Fail(string encoding, string kind, params string[] values) => new(encoding, 0, [], [new ImportProblem(0, "", kind, values)]);

    private static (string Text, string Encoding)? Decode(byte[] bytes)
    {
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        try
        {
            var text = utf8.GetString(bytes);
            return (text.TrimStart('\uFEFF'), "UTF-8");
        }
        catch (DecoderFallbackException)
        {
        }

        var shiftJis = Encoding.GetEncoding(932, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        try
        {
            return (shiftJis.GetString(bytes), "Shift_JIS");
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    /// <summary>RFC 4180 records with the line each starts on; a quoted field may hold commas, quotes ("") and line breaks.</summary>
    private static IEnumerable<(int Line, List<string> Fields)> Records(string text)
    {
        var line = 1;
        var i = 0;
        while (i < text.Length)
        {
            var start = line;
            var fields = new List<string>();
            var field = new StringBuilder();
            var quoted = false;
            while (i < text.Length)
            {
                var c = text[i++];
                if (quoted)
                {
                    if (c == '"' && i < text.Length && text[i] == '"') { field.Append('"'); i++; }
                    else if (c == '"') quoted = false;
                    else { if (c == '\n') line++; field.Append(c); }
                }
                else if (c == '"' && field.Length == 0) quoted = true;
                else if (c == ',') { fields.Add(field.ToString()); field.Clear(); }
                else if (c == '\r' && i < text.Length && text[i] == '\n') { }
                else if (c is '\n' or '\r') { line++; break; }
                else field.Append(c);
            }

            fields.Add(field.ToString());
            yield return (start, fields);
        }
    }
}
