using Microsoft.Extensions.Options;
using Npgsql;

namespace Valmetal.Notifier.Sending;

/// <summary>
/// Sends the messages that are due, each on its channel, and records each outcome: delivered, tried again with
/// doubling waits, or failed for good (after the last attempt, or at once when the address can never take it).
/// </summary>
public sealed partial class NotificationSender(
    NpgsqlDataSource dataSource,
    IEnumerable<INotificationChannel> channels,
    IOptions<NotifierOptions> options,
    ILogger<NotificationSender> logger)
{
    private readonly Dictionary<string, INotificationChannel> _channels = channels.ToDictionary(c => c.Name, StringComparer.Ordinal);

    /// <summary>
    /// Sends up to a batch, claiming only as many messages as it sends at once: a message claimed and left waiting
    /// behind slow sends would outlive its lease and be sent again by another replica. Answers how many it claimed.
    /// </summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var settings = options.Value;
        var total = 0;
        while (total < settings.BatchSize)
        {
            var claimed = await SendingSql.ClaimAsync(dataSource, settings.ParallelSends, settings.Lease, ct);
            await Parallel.ForEachAsync(claimed, new ParallelOptions { MaxDegreeOfParallelism = settings.ParallelSends, CancellationToken = ct },
                async (message, token) => await SendOneAsync(message, settings, token));
            total += claimed.Count;
            if (claimed.Count < settings.ParallelSends)
            {
                break;
            }
        }

        return total;
    }

    private async Task SendOneAsync(OutgoingNotification message, NotifierOptions settings, CancellationToken ct)
    {
        try
        {
            if (!_channels.TryGetValue(message.Channel, out var channel))
            {
                throw new UndeliverableException($"no sender for channel {message.Channel}");
            }

            // A send ends well within the lease, so no other replica sends the message while this one still might.
            using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct))
            {
                deadline.CancelAfter(settings.Lease / 2);
                await channel.SendAsync(message, deadline.Token);
            }

            await SendingSql.DeliveredAsync(dataSource, message.Id, ct);
        }
        catch (UndeliverableException ex)
        {
            LogUndeliverable(message.Id, message.Channel, ex.Message);
            await SendingSql.FailedAsync(dataSource, message.Id, ex.Message, final: true, TimeSpan.Zero, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            var final = message.Attempt >= settings.MaxAttempts;
            var delay = settings.FirstRetryDelay * Math.Pow(2, message.Attempt - 1);
            LogSendFailed(ex, message.Id, message.Channel, message.Attempt, final);
            await SendingSql.FailedAsync(dataSource, message.Id, $"{ex.GetType().Name}: {ex.Message}", final, delay, ct);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification {Id} on {Channel} cannot be delivered: {Reason}")]
    private partial void LogUndeliverable(Guid id, string channel, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification {Id} on {Channel}, attempt {Attempt}, failed (given up: {Final})")]
    private partial void LogSendFailed(Exception ex, Guid id, string channel, int attempt, bool final);
}
