using System.Text.Json.Nodes;
using Valmetal.Api.Data.Entities;

namespace Valmetal.Api.Features.Equipment;

/// <summary>Builds the audit record of a change: every field whose value differs, from → to.</summary>
public sealed class EquipmentAudit(string serialNumber, string actorSub, string action, DateTimeOffset at)
{
    private readonly JsonObject _changes = [];

    public EquipmentAudit Field<T>(string name, T from, T to)
    {
        if (!EqualityComparer<T>.Default.Equals(from, to))
        {
            _changes[name] = new JsonObject { ["from"] = JsonValue.Create(from), ["to"] = JsonValue.Create(to) };
        }

        return this;
    }

    public bool HasChanges => _changes.Count > 0;

    public AuditEntry ToEntry() => new()
    {
        SerialNumber = serialNumber,
        ActorSub = actorSub,
        Action = action,
        At = at,
        Changes = _changes.ToJsonString(),
    };
}
