namespace Valmetal.Notifier.Sending;

/// <summary>
/// Sends one message on one channel. Throws <see cref="UndeliverableException"/> when trying again cannot help (an
/// address refused, a push subscription gone); any other exception is tried again later.
/// </summary>
public interface INotificationChannel
{
    string Name { get; }

    Task SendAsync(OutgoingNotification message, CancellationToken ct);
}

/// <summary>The message can never be delivered to this address; it is marked failed with the reason, not retried.</summary>
public sealed class UndeliverableException(string reason, Exception? inner = null) : Exception(reason, inner);
