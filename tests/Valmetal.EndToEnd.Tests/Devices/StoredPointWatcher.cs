using System.Collections.Concurrent;
using Npgsql;
using Valmetal.EndToEnd.Tests.Platform;
using Valmetal.DeviceContract.Schema;

namespace Valmetal.EndToEnd.Tests.Devices;

/// <summary>
/// Notes when each point of some devices first becomes queryable, by polling every 100 ms: publish-to-stored
/// latency to within a poll, measured the way a reader of the data would see it.
/// </summary>
public sealed class StoredPointWatcher : IAsyncDisposable
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);
    private readonly ConcurrentDictionary<(string Thing, DateTime Ts), DateTimeOffset> _seen = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _polling;

    public StoredPointWatcher(string connectionString, string[] things, string[] metrics, DateTimeOffset since) =>
        _polling = PollAsync(connectionString, things, metrics, since.UtcDateTime, _stop.Token);

    /// <summary>When each (thing, ts) was first seen stored.</summary>
    public IReadOnlyDictionary<(string Thing, DateTime Ts), DateTimeOffset> Seen => _seen;

    /// <summary>Waits until every expected point is stored, or the patience runs out; returns those still missing.</summary>
    public Task<List<(string Thing, DateTime Ts)>> MissingAfterAsync(IReadOnlyCollection<(string Thing, DateTime Ts)> expected, TimeSpan patience) =>
        Eventually.PollAsync(
            () => Task.FromResult<List<(string Thing, DateTime Ts)>>([.. expected.Where(e => !_seen.ContainsKey(e))]),
            missing => missing.Count == 0,
            patience,
            Poll);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _polling;
        _stop.Dispose();
    }

    private async Task PollAsync(string connectionString, string[] things, string[] metrics, DateTime since, CancellationToken ct)
    {
        await using var db = new NpgsqlConnection(connectionString);
        await db.OpenAsync(ct);
        await using var query = new NpgsqlCommand(
            $"select thing, ts from {Tables.Points} where thing = any(@things) and metric = any(@metrics) and ts >= @since", db);
        query.Parameters.AddWithValue("things", things);
        query.Parameters.AddWithValue("metrics", metrics);
        query.Parameters.AddWithValue("since", since);
        while (!ct.IsCancellationRequested)
        {
            await using (var reader = await query.ExecuteReaderAsync(CancellationToken.None))
            {
                var now = DateTimeOffset.UtcNow;
                while (await reader.ReadAsync(CancellationToken.None))
                {
                    _seen.TryAdd((reader.GetString(0), reader.GetDateTime(1)), now);
                }
            }

            // Not cancelled by the token: stopping waits out the current poll, at most 100 ms.
            await Task.Delay(Poll, CancellationToken.None);
        }
    }
}
