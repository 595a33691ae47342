using System.Text.Json;

namespace Valmetal.Telemetry.Validation;

/// <summary>How every device payload is parsed: one rule for telemetry, state, status, events and command answers.</summary>
public static class DeviceJson
{
    /// <summary>
    /// Duplicate keys are refused: which of two values a device meant is unknowable, and a JSON object built from
    /// them throws where a refusal was expected. Depth 8 covers the contract's shapes with room for nested state.
    /// </summary>
    public static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 8, AllowDuplicateProperties = false };

    /// <summary>The same rules for payloads read straight into contract records.</summary>
    public static readonly JsonSerializerOptions SerializerOptions = new() { MaxDepth = 8, AllowDuplicateProperties = false };
}
