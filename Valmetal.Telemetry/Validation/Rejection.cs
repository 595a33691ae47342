using Valmetal.DeviceContract.Rejections;

namespace Valmetal.Telemetry.Validation;

/// <summary>A refusal; <paramref name="Count"/> is how many refused values it stands for.</summary>
public sealed record Rejection(RejectionReason Reason, string Detail, int Count = 1);
