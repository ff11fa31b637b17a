using Portal.Core.Localization;

namespace Portal.Tests.Localization;

public sealed class DateTextTests
{
    [Theory]
    [InlineData("ja", "2006年6月1日")]
    [InlineData("en", "1 June 2006")]
    public void Dates_are_written_as_each_language_writes_them(string language, string expected)
    {
        Assert.Equal(expected, DateText.Long(new DateOnly(2006, 6, 1), language));
    }

    [Fact]
    public void The_machine_form_is_iso()
    {
        Assert.Equal("2005-11-01", DateText.Iso(new DateOnly(2005, 11, 1)));
    }
}
