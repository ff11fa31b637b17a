using Portal.Core.CheckMail;

namespace Portal.Tests.CheckMail;

/// <summary>The one-time code: easy to read and type, and found in a subject however the member typed it.</summary>
public sealed class CheckCodeTests
{
    [Fact]
    public void New_codes_use_only_the_unambiguous_alphabet_and_differ()
    {
        var codes = Enumerable.Range(0, 2000).Select(_ => CheckCode.New()).ToList();

        Assert.All(codes, c => Assert.Matches("^[ACDEFGHJKMNPQRTWXY34679]{6}$", c));
        Assert.True(codes.Distinct().Count() > 1990, "codes repeat far more often than chance allows");
        Assert.Equal("K7M-4QX", CheckCode.Display("K7M4QX"));
    }

    [Theory]
    [InlineData("K7M-4QX", "K7M4QX")]
    [InlineData("k7m4qx", "K7M4QX")]
    [InlineData("Re: check K7M-4QX please", "K7M4QX")]
    [InlineData("確認コードK7M-4QXです", "K7M4QX")]
    [InlineData("Ｋ７Ｍ－４ＱＸ", "K7M4QX")] // typed with a Japanese input method left in full-width mode
    [InlineData("K7Mー4QX", "K7M4QX")] // the long-vowel mark looks like a hyphen
    public void A_code_is_found_however_it_was_typed(string subject, string code) =>
        Assert.Equal([code], CheckCode.FindIn(subject));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Hello")]
    [InlineData("XK7M4QX")] // part of a longer word
    [InlineData("K7M4QX9")]
    [InlineData("K0M-4QX")] // 0 is not in the alphabet
    public void Nothing_that_is_not_a_whole_code_is_taken_for_one(string? subject) =>
        Assert.Empty(CheckCode.FindIn(subject));

    [Fact]
    public void A_subject_full_of_codes_yields_at_most_five_candidates()
    {
        var subject = string.Join(' ', Enumerable.Range(0, 50).Select(_ => CheckCode.New()));

        Assert.Equal(5, CheckCode.FindIn(subject).Count);
    }
}
