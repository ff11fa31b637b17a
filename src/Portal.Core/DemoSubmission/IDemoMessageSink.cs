namespace Portal.Core.DemoSubmission;

/// <summary>Receives every message the demo submission server accepts.</summary>
public interface IDemoMessageSink
{
    /// <summary>Throwing makes the server answer the client's DATA with 554 (transaction failed).</summary>
    Task AcceptAsync(DemoMessage message, CancellationToken cancellationToken);
}
