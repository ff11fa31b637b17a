using Portal.Core.Probe;

namespace Portal.Tests.Probe;

public sealed class ResultCodesTests
{
    [Theory]
    [InlineData("4F7K2QX9MB", "4F7K2QX9MB")]
    [InlineData("4f7k2-qx9mb", "4F7K2QX9MB")]
    [InlineData(" 4F7K2 QX9MB ", "4F7K2QX9MB")]
    [InlineData("４Ｆ７Ｋ２－ＱＸ９ＭＢ", "4F7K2QX9MB")]
    [InlineData("4F7K2ーQX9MB", "4F7K2QX9MB")]
    [InlineData("O0I1L1oil0", "0011110110")]
    public void What_a_member_reads_out_or_types_is_read_as_the_code_meant(string typed, string code)
    {
        Assert.Equal(code, ResultCodes.Read(typed));
    }

    [Theory]
    [InlineData("")]
    [InlineData("4F7K2QX9M")]
    [InlineData("4F7K2QX9MBB")]
    [InlineData("4F7K2QX9MU")]
    [InlineData("4F7K2QX9M!")]
    public void Anything_else_is_no_code(string typed)
    {
        Assert.Null(ResultCodes.Read(typed));
    }

    [Fact]
    public void The_alphabet_has_no_letter_that_looks_like_a_digit_and_codes_are_read_in_two_groups()
    {
        Assert.Equal(32, ResultCodes.Alphabet.Length);
        Assert.DoesNotContain('I', ResultCodes.Alphabet);
        Assert.DoesNotContain('L', ResultCodes.Alphabet);
        Assert.DoesNotContain('O', ResultCodes.Alphabet);
        Assert.Equal("4F7K2-QX9MB", ResultCodes.Spoken("4F7K2QX9MB"));
    }
}

public sealed class StepDetailsTests
{
    [Fact]
    public void Every_detail_has_both_languages_with_the_same_values()
    {
        foreach (var key in StepDetails.Keys)
        {
            var values = new[] { "VALUE-A", "VALUE-B" };
            var step = ProbeStep.Said("connect", ProbeStatus.Pass, 1, key, values);
            var en = StepDetails.For(step, "en");
            var ja = StepDetails.For(step, "ja");

            Assert.Equal(step.Detail, en);
            Assert.NotEqual(en, ja);
            foreach (var value in values)
                Assert.Equal(en.Contains(value, StringComparison.Ordinal), ja.Contains(value, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void A_step_recorded_before_details_had_words_is_shown_as_recorded()
    {
        var old = new ProbeStep("greeting", ProbeStatus.Pass, 3, "220");

        Assert.Equal("220", StepDetails.For(old, "ja"));
    }
}
