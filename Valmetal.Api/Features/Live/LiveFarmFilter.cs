namespace Valmetal.Api.Features.Live;

/// <summary>Which farms' updates one stream may carry: every farm (an admin's stream) or a fixed set.</summary>
public sealed class LiveFarmFilter
{
    public static readonly LiveFarmFilter Every = new(null);

    private readonly IReadOnlySet<Guid>? _farms;

    private LiveFarmFilter(IReadOnlySet<Guid>? farms) => _farms = farms;

    public static LiveFarmFilter Only(IEnumerable<Guid> farms) => new(farms.ToHashSet());

    public bool Wants(Guid farmId) => _farms is null || _farms.Contains(farmId);
}
