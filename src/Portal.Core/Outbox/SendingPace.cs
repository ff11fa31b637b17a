namespace Portal.Core.Outbox;

/// <summary>
/// Spaces one node's messages evenly at Outbound:MessagesPerMinute. The schedule moves by the interval from the last
/// slot, not from when a wait ended, so a timer that fires late is made up for by the next message going at once.
/// </summary>
internal sealed class SendingPace(int messagesPerMinute, TimeProvider time)
{
    private readonly TimeSpan _interval = TimeSpan.FromMinutes(1) / messagesPerMinute;
    private DateTimeOffset _next = DateTimeOffset.MinValue;

    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_next > now) await Task.Delay(_next - now, time, cancellationToken);
        _next = (_next > now ? _next : now) + _interval;
    }
}
