using System.Diagnostics.Metrics;
using Npgsql;
using Polly;
using Polly.Registry;
using Valmetal.Api.Infrastructure;
using Valmetal.DeviceContract.Schema;

namespace Valmetal.Api.Security;

/// <summary>
/// A replica's memory of the rows that decide access: the caller's account and farms, which units a set of farms
/// holds, and each unit's farm. Fleet and unit state read nothing else from PostgreSQL, and at dashboard rates those
/// reads cost more than the answer (docs/benchmarks.md, "API under load while ingesting").
/// Every request first reads the access version, one row that a trigger bumps in the same transaction as any change to
/// users, farm memberships, equipment's farm or model, or a model's inactivity timeout (docs/decisions.md, "Access
/// read once per change"). What is remembered is valid for one version only, so a request that starts after an admin's
/// change committed, on any replica, decides with the change: a disabled account or a unit moved away is refused at
/// once, as when every request read the tables, and a change made outside the API (a migration, an operator's SQL) is
/// seen too.
/// </summary>
public sealed class AccessCache
{
    /// <summary>Counts lookups by what was looked up and whether the replica remembered it (valmetal.api.access.lookups).</summary>
    public const string MeterName = "Valmetal.Api.Access";

    [Sql]
    internal const string VersionQuery = $"select version from {Tables.AccessVersion} where id = 1";

    private const string ItemKey = nameof(AccessGeneration);

    private readonly NpgsqlDataSource _dataSource;
    private readonly ResiliencePipeline _transientReads;
    private readonly Counter<long> _lookups;
    private AccessGeneration _newest;

    public AccessCache(NpgsqlDataSource dataSource, ResiliencePipelineProvider<string> pipelines, IMeterFactory meters)
    {
        (_dataSource, _transientReads) = (dataSource, pipelines.GetPipeline(ApiPipelines.TransientReads));
        _lookups = meters.Create(MeterName).CreateCounter<long>("valmetal.api.access.lookups", unit: "{lookup}");
        _newest = new AccessGeneration(long.MinValue, _lookups);
    }

    /// <summary>What this request may take from memory: the generation of the access version it read, once per request.</summary>
    public async ValueTask<AccessGeneration> ForRequestAsync(HttpContext context)
    {
        if (context.Items.TryGetValue(ItemKey, out var read))
        {
            return (AccessGeneration)read!;
        }

        var version = await _transientReads.ExecuteAsync(
            static async (source, ct) =>
            {
                await using var command = source.CreateCommand(VersionQuery);
                return (long)(await command.ExecuteScalarAsync(ct))!;
            }, _dataSource, context.RequestAborted);
        var generation = Generation(version);
        context.Items[ItemKey] = generation;
        return generation;
    }

    private AccessGeneration Generation(long version)
    {
        while (true)
        {
            var newest = Volatile.Read(ref _newest);
            if (version == newest.Version)
            {
                return newest;
            }

            // A request that read an older version than another one did (it started before the change committed)
            // gets a generation of its own, remembered by nobody, so it cannot put old rows where newer requests look.
            if (version < newest.Version)
            {
                return new AccessGeneration(version, _lookups);
            }

            var next = new AccessGeneration(version, _lookups);
            if (Interlocked.CompareExchange(ref _newest, next, newest) == newest)
            {
                return next;
            }
        }
    }
}
