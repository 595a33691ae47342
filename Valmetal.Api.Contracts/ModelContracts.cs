namespace Valmetal.Api.Contracts;

public sealed record ModelResponse(
    string Code, string Name, string Kind, int InactivityTimeoutSeconds, IReadOnlyList<MetricResponse> Metrics, IReadOnlyList<SettingResponse> Settings);

public sealed record SettingResponse(string Key, string Type, double? Min, double? Max, int? MaxLength, IReadOnlyList<string>? Allowed);
