using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace Portal.Tests.Outbox;

/// <summary>
/// Fake time that also tells when code starts waiting on it, and for how long: a test then knows the sender is
/// blocked on the clock, and can check what it did before, without watching a real clock.
/// </summary>
public sealed class WatchedTime : TimeProvider
{
    private readonly Channel<TimeSpan> _waits = Channel.CreateUnbounded<TimeSpan>();

    public FakeTimeProvider Fake { get; } = new(new DateTimeOffset(2026, 4, 1, 9, 0, 0, TimeSpan.Zero));

    public override DateTimeOffset GetUtcNow() => Fake.GetUtcNow();

    public override long GetTimestamp() => Fake.GetTimestamp();

    public override long TimestampFrequency => Fake.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => Fake.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        _waits.Writer.TryWrite(dueTime);
        return Fake.CreateTimer(callback, state, dueTime, period);
    }

    /// <summary>The next wait not looked at yet that <paramref name="which"/> picks (waits are kept in the order they began).</summary>
    public async Task<TimeSpan> NextWaitAsync(Func<TimeSpan, bool> which)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var wait = await _waits.Reader.ReadAsync(patience.Token);
            if (which(wait)) return wait;
        }
    }

    public void Advance(TimeSpan by) => Fake.Advance(by);
}
