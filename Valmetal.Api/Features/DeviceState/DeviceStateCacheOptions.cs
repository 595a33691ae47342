using System.ComponentModel.DataAnnotations;

namespace Valmetal.Api.Features.DeviceState;

/// <summary>The <c>DeviceStateCache</c> section: how each API replica's copy of device state is bounded and checked.</summary>
public sealed class DeviceStateCacheOptions
{
    public const string SectionName = "DeviceStateCache";

    /// <summary>
    /// How often the units held are read again from DynamoDB: the longest a lost live update (QoS 0) can leave a
    /// unit's cached state behind the store. One BatchGetItem per 100 units held, per replica.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan Resync { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A unit nobody read for this long is dropped at the next resync, so resyncs read only units in view.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan IdleAfter { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>At most this many units are held; past it, reads of further units go to DynamoDB as without the cache.</summary>
    [Range(1, 10_000_000)]
    public int MaxUnits { get; set; } = 100_000;
}
