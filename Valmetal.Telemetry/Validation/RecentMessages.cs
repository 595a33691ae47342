namespace Valmetal.Telemetry.Validation;

/// <summary>
/// Remembers the last messages accepted per thing to drop redeliveries early. Only an optimisation:
/// the (thing, metric, ts) key in PostgreSQL is what makes a second copy harmless.
/// </summary>
public sealed class RecentMessages(int perThing = 256)
{
    private readonly Dictionary<string, (HashSet<(long, DateTime)> Set, Queue<(long, DateTime)> Order)> _byThing =
        new(StringComparer.Ordinal);

    private readonly Lock _gate = new();

    /// <summary>False when this (seq, first timestamp) was already remembered for the thing.</summary>
    public bool TryRemember(string thing, long seq, DateTime firstTimestamp)
    {
        var key = (seq, firstTimestamp);
        lock (_gate)
        {
            if (!_byThing.TryGetValue(thing, out var window))
            {
                window = (new HashSet<(long, DateTime)>(), new Queue<(long, DateTime)>());
                _byThing[thing] = window;
            }

            if (!window.Set.Add(key))
            {
                return false;
            }

            window.Order.Enqueue(key);
            if (window.Order.Count > perThing)
            {
                window.Set.Remove(window.Order.Dequeue());
            }

            return true;
        }
    }
}
