using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Valmetal.Api.Security;

/// <summary>
/// What one replica remembers of the access rows at one access version (<see cref="AccessCache"/>): each kind of
/// lookup keyed as its query is, holding exactly what the query returned. Nothing here outlives its version.
/// </summary>
public sealed class AccessGeneration(long version, Counter<long> lookups)
{
    /// <summary>
    /// Per kind of lookup. Keys come from tokens the pool signed and from rows that exist (a unit that was not found is
    /// not remembered), so they are bounded by the platform's own data; the cap keeps a replica's memory bounded anyway.
    /// </summary>
    internal const int MaxEntriesPerKind = 100_000;

    /// <summary>The kinds of lookup, as the lookups metric tags them.</summary>
    public const string UserKind = "user";
    public const string RosterKind = "roster";
    public const string UnitKind = "unit";

    private readonly ConcurrentDictionary<(string Kind, string Key), object?> _entries = new();
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);

    public long Version { get; } = version;

    /// <summary>
    /// The remembered answer for <paramref name="key"/>, else <paramref name="load"/>'s, remembered when
    /// <paramref name="remember"/> says so. Two requests missing at once both load: the rows are small and the answer is
    /// the same.
    /// </summary>
    public async ValueTask<T> GetOrLoadAsync<T>(string kind, string key, Func<CancellationToken, Task<T>> load, Func<T, bool> remember, CancellationToken ct)
    {
        if (_entries.TryGetValue((kind, key), out var known))
        {
            lookups.Add(1, new("kind", kind), new("result", "hit"));
            return (T)known!;
        }

        lookups.Add(1, new("kind", kind), new("result", "miss"));
        var loaded = await load(ct);
        if (remember(loaded) && _counts.AddOrUpdate(kind, 1, (_, n) => n + 1) <= MaxEntriesPerKind)
        {
            _entries.TryAdd((kind, key), loaded);
        }

        return loaded;
    }
}
