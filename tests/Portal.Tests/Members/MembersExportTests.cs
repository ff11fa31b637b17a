using Portal.Web.Pages.Staff;

namespace Portal.Tests.Members;

/// <summary>The members CSV staff open in a spreadsheet: no cell a member typed can run as a formula, and quoting keeps cells whole.</summary>
public sealed class MembersExportTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://evil.example\")", "\"'=HYPERLINK(\"\"http://evil.example\"\")\"")]
    [InlineData("+81 3 0000", "'+81 3 0000")]
    [InlineData("-1+1", "'-1+1")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tTab", "'\tTab")]
    [InlineData("\rCarriage", "\"'\rCarriage\"")]
    [InlineData("山田 太郎", "山田 太郎")]
    [InlineData("Suzuki, Hanako", "\"Suzuki, Hanako\"")]
    [InlineData("a\nb", "\"a\nb\"")]
    public void Every_formula_lead_is_defused_and_cells_with_separators_are_quoted(string value, string cell) =>
        Assert.Equal(cell, ExportModel.Cell(value));
}
