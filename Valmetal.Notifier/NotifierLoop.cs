using Microsoft.Extensions.Options;
using Npgsql;
using Valmetal.Notifier.Escalation;
using Valmetal.Notifier.Outbox;
using Valmetal.Notifier.Sending;

namespace Valmetal.Notifier;

/// <summary>
/// Each tick: fan the outbox out, escalate what is due, send what is due; each step goes on while it finds a full
/// batch. Every replica runs it: the row locks and leases split the work, so replicas add throughput, not repeats.
/// </summary>
public sealed partial class NotifierLoop(
    AlarmFanOut fanOut, AlarmEscalation escalation, NotificationSender sender, IOptions<NotifierOptions> options,
    TimeProvider time, ILogger<NotifierLoop> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        using var timer = new PeriodicTimer(settings.PollInterval, time);
        do
        {
            await StepAsync("fan-out", fanOut.RunOnceAsync, settings.BatchSize, stoppingToken);
            await StepAsync("escalation", escalation.RunOnceAsync, settings.BatchSize, stoppingToken);
            await StepAsync("sending", sender.RunOnceAsync, settings.BatchSize, stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task StepAsync(string step, Func<CancellationToken, Task<int>> runOnce, int batchSize, CancellationToken ct)
    {
        try
        {
            while (await runOnce(ct) >= batchSize)
            {
            }
        }
        catch (NpgsqlException ex)
        {
            // Nothing is marked done until its transaction commits: the next tick finds the same work.
            LogStepFailed(ex, step);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notifier {Step} failed; trying again at the next tick")]
    private partial void LogStepFailed(Exception ex, string step);
}
