namespace Valmetal.AwsHttp.Sdk;

/// <summary>The settings of a feature that talks to AWS through an SDK client: where its local emulator listens.</summary>
public interface IAwsServiceEndpoint
{
    /// <summary>The local emulator's absolute URL; empty in AWS, where the region's endpoint is used.</summary>
    string? ServiceUrl { get; }
}
