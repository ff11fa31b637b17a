using System.Collections.Concurrent;

namespace Portal.Core.DemoSubmission;

/// <summary>
/// The demo server's SMTP sessions open right now, and the most that were open at once since <see cref="ResetPeak"/>.
/// It lets the benchmarks and tests see how many connections the probe's concurrency cap really let through.
/// </summary>
public sealed class DemoSessionCount
{
    // Sessions are tracked by identity, not with a bare +1/-1: SmtpServer 11 raises "created" before the implicit-TLS
    // handshake, but older versions raised it only after, while still raising "faulted" for a failed handshake.
    // An end without a start (or a second end) then leaves the count alone instead of drifting below zero.
    private readonly ConcurrentDictionary<object, byte> _sessions = new(ReferenceEqualityComparer.Instance);
    private int _open;
    private int _peak;
    private int _total;

    public int Open => Volatile.Read(ref _open);

    /// <summary>Every session since the server started: how many connections were made to it at all.</summary>
    public int Total => Volatile.Read(ref _total);

    public int Peak => Volatile.Read(ref _peak);

    /// <summary>Starts a new measurement: the peak becomes the number open now.</summary>
    public void ResetPeak() => Interlocked.Exchange(ref _peak, Open);

    internal void Started(object session)
    {
        if (!_sessions.TryAdd(session, 0)) return;
        Interlocked.Increment(ref _total);
        var open = Interlocked.Increment(ref _open);
        for (var peak = Peak; open > peak; peak = Peak)
        {
            if (Interlocked.CompareExchange(ref _peak, open, peak) == peak) return;
        }
    }

    internal void Ended(object session)
    {
        if (_sessions.TryRemove(session, out _)) Interlocked.Decrement(ref _open);
    }
}
