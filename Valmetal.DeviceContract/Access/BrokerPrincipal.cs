namespace Valmetal.DeviceContract.Access;

/// <summary>Who connects to the broker and what it may do there.</summary>
/// <param name="Identity">For a service, the common name of its one certificate; every task of the service presents
/// it and connects with its own client id (<see cref="ServiceClientIds"/>). For devices, null: each device's identity is its
/// thing name, which is also its client id.</param>
public sealed record BrokerPrincipal(string Description, string? Identity, IReadOnlyList<TopicRule> Rules)
{
    public bool IsDevice => Identity is null;

    public IEnumerable<TopicRule> Where(TopicAccess access) => Rules.Where(r => r.Allows(access));
}
