using System.Text.RegularExpressions;

namespace Portal.Tests.Infrastructure;

/// <summary>Checks shared by the browser tests.</summary>
public sealed class BrowserTestFailure(Exception failure, string page) : Exception($"{failure.Message}{page}", failure);

public static partial class BrowserAssert
{
    /// <summary>Hiragana, katakana, CJK ideographs, Japanese punctuation and full-width forms.</summary>
    [GeneratedRegex(@"[\p{IsHiragana}\p{IsKatakana}\p{IsCJKUnifiedIdeographs}\u3000-\u303F\uFF00-\uFFEF]")]
    public static partial Regex Japanese();

    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The file exists, is not empty, and starts like a PNG.</summary>
    public static void IsPng(string path)
    {
        Assert.True(File.Exists(path), $"Screenshot {path} was not written.");
        var bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length > PngSignature.Length, $"Screenshot {path} is empty ({bytes.Length} bytes).");
        Assert.True(bytes.AsSpan(0, PngSignature.Length).SequenceEqual(PngSignature), $"Screenshot {path} is not a PNG.");
    }

    /// <summary>Runs a test body, failing it (instead of hanging the run) after <see cref="BrowserFixture.TestTimeout"/>.</summary>
    public static async Task WithinTimeout(Func<Task> body)
    {
        BrowserPage.Last = null;
        var test = body();
        try
        {
            await test.WaitAsync(BrowserFixture.TestTimeout);
        }
        catch (TimeoutException) when (!test.IsCompleted)
        {
            throw new TimeoutException($"The browser test did not finish within {BrowserFixture.TestTimeout.TotalSeconds:0} s.{await DescribeAsync()}");
        }
        catch (Exception e) when (e is TimeoutException or Microsoft.Playwright.PlaywrightException or Xunit.Sdk.XunitException && BrowserPage.Last is not null)
        {
            // A browser test's failure says where the page was and what it showed: a flake can then be told from a bug.
            throw new BrowserTestFailure(e, await DescribeAsync());
        }
    }

    private static async Task<string> DescribeAsync() =>
        BrowserPage.Last is { } page ? $"{Environment.NewLine}{await page.DescribeAsync()}" : "";
}
