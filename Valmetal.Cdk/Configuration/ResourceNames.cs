namespace Valmetal.Cdk.Configuration;

/// <summary>Physical names: every resource says which application and environment it belongs to.</summary>
public sealed record ResourceNames(string EnvironmentName)
{
    public string Prefix => $"valmetal-{EnvironmentName}";

    public string Of(string suffix) => $"{Prefix}-{suffix}";

    public string Repository(ServiceKind service) => $"valmetal-{EnvironmentName}/{service.Slug()}";

    public string Family(ServiceKind service) => Of(service.Slug());
}
