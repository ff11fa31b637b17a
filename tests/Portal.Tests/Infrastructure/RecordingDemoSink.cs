using System.Collections.Concurrent;
using Portal.Core.CheckMail;
using Portal.Core.DemoSubmission;

namespace Portal.Tests.Infrastructure;

/// <summary>Keeps every message the demo server accepts (the outbox delivers there in demo mode), then hands it on as the portal would.</summary>
public sealed class RecordingDemoSink(CheckMailDemoDelivery inner) : IDemoMessageSink
{
    private readonly ConcurrentQueue<DemoMessage> _messages = new();

    public IReadOnlyCollection<DemoMessage> Messages => _messages;

    public async Task AcceptAsync(DemoMessage message, CancellationToken cancellationToken)
    {
        _messages.Enqueue(message);
        await inner.AcceptAsync(message, cancellationToken);
    }

    public async Task<DemoMessage> WaitForAsync(Func<DemoMessage, bool> match, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_messages.FirstOrDefault(match) is { } found) return found;
            await Task.Delay(50);
        }

        throw new TimeoutException($"no such message within {timeout.TotalSeconds} s; the demo server took {_messages.Count}");
    }
}
