namespace Portal.Core.DemoSubmission;

/// <summary>Default sink: the demo only shows that submission works, so messages are dropped.</summary>
public sealed class DiscardingDemoMessageSink : IDemoMessageSink
{
    public Task AcceptAsync(DemoMessage message, CancellationToken cancellationToken) => Task.CompletedTask;
}
