namespace Portal.Tests.Outbox;

/// <summary>Waits for something the code under test does on its own tasks; fails only if it never happens.</summary>
public static class Eventually
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public static async Task TrueAsync(Func<Task<bool>> condition, string what, Action? meanwhile = null)
    {
        using var patience = new CancellationTokenSource(Patience);
        while (!await condition())
        {
            if (patience.IsCancellationRequested) Assert.Fail($"Still waiting after {Patience.TotalSeconds} s for: {what}");
            meanwhile?.Invoke();
            await Task.Delay(10, CancellationToken.None);
        }
    }

    public static Task TrueAsync(Func<bool> condition, string what, Action? meanwhile = null) =>
        TrueAsync(() => Task.FromResult(condition()), what, meanwhile);
}
