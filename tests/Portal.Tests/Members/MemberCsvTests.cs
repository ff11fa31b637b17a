using System.Globalization;
using System.Text;
using Portal.Core.Members;

namespace Portal.Tests.Members;

/// <summary>The members CSV: what is valid, each kind of bad row with its line, and the encodings Japanese offices use.</summary>
public sealed class MemberCsvTests
{
    private static readonly IReadOnlySet<string> Programs = new HashSet<string> { "outlook-express-6", "becky-2", "thunderbird" };

    static MemberCsvTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static Task<(ImportReport Report, List<(int Line, MemberRow Row)> Valid)> ReadAsync(string text, Encoding? encoding = null) =>
        ReadAsync((encoding ?? Encoding.UTF8).GetBytes(text));

    /// <summary>As the console and the command line read a file: checked, then read again for the valid rows.</summary>
    internal static async Task<(ImportReport Report, List<(int Line, MemberRow Row)> Valid)> ReadAsync(byte[] bytes, IReadOnlySet<string>? programs = null)
    {
        Stream Open() => new MemoryStream(bytes, writable: false);
        var report = await MemberCsv.CheckAsync(Open, programs ?? Programs, CancellationToken.None);
        var valid = report.ValidRows == 0 ? [] : await MemberCsv.ValidRowsAsync(Open, report, programs ?? Programs, CancellationToken.None).ToListAsync();
        Assert.Equal(report.ValidRows, valid.Count);
        return (report, valid);
    }

    [Fact]
    public async Task A_valid_file_gives_every_row_with_defaults_for_the_optional_columns()
    {
        var (report, valid) = await ReadAsync("account,email,name,program,language\r\ntaro,taro@example.jp,山田 太郎,outlook-express-6,ja\r\nhanako,hanako@example.jp,\"Suzuki, Hanako\",,en\r\njiro,jiro@example.jp,\"Jiro \"\"J\"\" Sato\",becky-2,\r\n");

        Assert.True(report.IsValid);
        Assert.Equal(("UTF-8", 3), (report.Encoding, report.Rows));
        Assert.Equal(
            [new MemberRow("taro", "taro@example.jp", "山田 太郎", "outlook-express-6", "ja"), new MemberRow("hanako", "hanako@example.jp", "Suzuki, Hanako", null, "en"), new MemberRow("jiro", "jiro@example.jp", "Jiro \"J\" Sato", "becky-2", "ja")],
            valid.Select(v => v.Row));
        Assert.Equal([2, 3, 4], valid.Select(v => v.Line));
    }

    [Fact]
    public async Task Each_bad_row_is_reported_with_its_line_column_and_reason()
    {
        var (report, valid) = await ReadAsync("""
            account,email,name,program,language
            taro,taro@example.jp,Taro,,
            ,a@example.jp,No account,,
            bad account,b@example.jp,Spaces,,
            saburo,not-an-address,Bad address,,
            shiro,shiro@example.jp,Unknown program,eudora-5,
            goro,goro@example.jp,Bad language,,fr
            taro,taro2@example.jp,Duplicate,,
            rokuro,rokuro@example.jp
            "multi
            line",m@example.jp,Quoted line break in an account,,
            """);

        Assert.False(report.IsValid);
        Assert.Equal(["taro"], valid.Select(v => v.Row.Account));
        Assert.Equal(
        [
            (3, "account", "is empty"),
            (4, "account", "'bad account' is not an account name"),
            (5, "email", "'not-an-address' is not a mail address"),
            (6, "program", "unknown program 'eudora-5' (known: becky-2, outlook-express-6, thunderbird)"),
            (7, "language", "'fr' is not ja or en"),
            (8, "account", "'taro' is already on line 2"),
            (9, "", "2 columns where the header has 5"),
            (10, "account", "'multi\nline' is not an account name"),
        ], report.Problems.Select(p => (p.Line, p.Field, p.Reason)));
        Assert.Equal(9, report.Rows);
    }

    [Fact]
    public async Task A_Shift_JIS_file_from_a_Japanese_spreadsheet_reads_the_same()
    {
        var (report, valid) = await ReadAsync("account,email,name\r\nhanako,hanako@example.jp,鈴木 花子\r\n", Encoding.GetEncoding(932));

        Assert.True(report.IsValid);
        Assert.Equal("Shift_JIS", report.Encoding);
        Assert.Equal("鈴木 花子", valid[0].Row.Name);
    }

    [Fact]
    public async Task A_UTF8_byte_order_mark_is_not_part_of_the_header()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("account,email,name\nhanako,hanako@example.jp,Hanako\n")).ToArray();

        Assert.True((await ReadAsync(bytes)).Report.IsValid);
    }

    [Fact]
    public async Task Bytes_that_are_neither_UTF8_nor_Shift_JIS_are_refused_as_a_whole()
    {
        // 0x85 0x40 is no Shift_JIS character, and a lone 0x85 no UTF-8.
        var (report, _) = await ReadAsync([.. Encoding.ASCII.GetBytes("account,email,name\nx,x@example.jp,"), 0x85, 0x40, (byte)'\n']);

        Assert.Equal([(0, "", "the file is neither UTF-8 nor Shift_JIS text")], report.Problems.Select(p => (p.Line, p.Field, p.Reason)));
    }

    [Theory]
    [InlineData("", "the file is empty")]
    [InlineData("account,name\nx,y\n", "email: this column is missing from the header")]
    [InlineData("account,email,name,phone\n", "phone: unknown column (the columns are account, email, name, program, language)")]
    public async Task A_file_without_the_right_header_is_refused(string text, string problem)
    {
        var (report, valid) = await ReadAsync(text);

        Assert.False(report.IsValid);
        Assert.Contains(problem, report.Problems.Select(p => p.Field.Length > 0 ? $"{p.Field}: {p.Reason}" : p.Reason));
    }

    [Fact]
    public async Task A_line_break_inside_a_name_or_address_is_refused_with_its_line_it_would_become_a_mail_header()
    {
        var (report, valid) = await ReadAsync("account,email,name\r\ntaro,taro@example.jp,\"Taro\r\nBcc: victim@example.com\"\r\njiro,\"jiro@example.jp\nBcc: x@example.com\",Jiro\r\nhanako,hanako@example.jp,Hanako\r\n");

        Assert.Equal([(2, "name", "contains a line break or another control character"), (4, "email", "contains a line break or another control character")],
            report.Problems.Select(p => (p.Line, p.Field, p.Reason)));
        Assert.Equal(["hanako"], valid.Select(v => v.Row.Account));
    }

    [Fact]
    public async Task A_file_of_many_bad_lines_lists_the_first_thousand_problems_and_counts_them_all()
    {
        var csv = new StringBuilder("account,email,name\n");
        for (var i = 0; i < 2500; i++) csv.Append(CultureInfo.InvariantCulture, $"m{i},not-an-address-{i},Name\n");
        csv.Append("hanako,hanako@example.jp,Hanako\n");

        var (report, valid) = await ReadAsync(csv.ToString());

        Assert.Equal((2501, 1, 2500), (report.Rows, report.ValidRows, report.ProblemCount));
        Assert.Equal(MemberCsv.ProblemsListed, report.Problems.Count);
        Assert.Equal((2, 1001), (report.Problems[0].Line, report.Problems[^1].Line));
        Assert.Equal([2502], valid.Select(v => v.Line));
    }

    [Fact]
    public async Task A_duplicate_far_down_a_long_file_names_the_first_line_of_its_account_whatever_the_case()
    {
        var csv = new StringBuilder("account,email,name\n");
        for (var i = 0; i < 20_000; i++) csv.Append(CultureInfo.InvariantCulture, $"member{i},member{i}@example.jp,Name\n");
        csv.Append("MEMBER7,other@example.jp,Again\n");

        var (report, _) = await ReadAsync(csv.ToString());

        var problem = Assert.Single(report.Problems);
        Assert.Equal((20_002, "account", "'MEMBER7' is already on line 9"), (problem.Line, problem.Field, problem.Reason));
    }

    [Fact]
    public async Task Duplicates_across_a_file_longer_than_a_run_are_found_in_order_and_skipped_by_the_import_with_no_files_left()
    {
        // More accounts than one sorted run holds in memory: the runs go to temporary files and are merged.
        var lines = DuplicateAccounts.RunLength * 2 + 10;
        var csv = new StringBuilder("account,email,name\n");
        for (var i = 0; i < lines; i++)
        {
            var line = i + 2;
            var account = line switch
            {
                100_000 => "Member5", // line 7's account, two runs later
                100_001 => "member120000", // a later line's account: that later line is the duplicate
                100_002 => "member5", // a third time
                _ => $"member{line}",
            };
            csv.Append(CultureInfo.InvariantCulture, $"{account},{(line == 100_002 ? "not-an-address" : $"m{line}@example.jp")},Name\n");
        }

        var leftBefore = Directory.GetFiles(Path.GetTempPath(), "portal-accounts-*").Length;
        var (report, valid) = await ReadAsync(csv.ToString());

        Assert.Equal(
        [
            (100_000, "account", "'Member5' is already on line 5"),
            (100_002, "account", "'member5' is already on line 5"),
            (100_002, "email", "'not-an-address' is not a mail address"),
            (120_000, "account", "'member120000' is already on line 100001"),
        ], report.Problems.Select(p => (p.Line, p.Field, p.Reason)));
        Assert.Equal((lines, 4), (report.Rows, report.ProblemCount));
        Assert.Equal([100_000, 100_002, 120_000], report.DuplicateLines);
        Assert.Equal(lines - 3, report.ValidRows);
        Assert.DoesNotContain(valid, v => v.Line is 100_000 or 100_002 or 120_000);
        Assert.Contains(valid, v => v.Line == 100_001 && v.Row.Account == "member120000");
        Assert.Equal(leftBefore, Directory.GetFiles(Path.GetTempPath(), "portal-accounts-*").Length);
    }
}
