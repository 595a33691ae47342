using System.Text.Json.Nodes;

namespace Valmetal.Api.Contracts;

public sealed record CommandResponse(
    Guid Id, string SerialNumber, string Name, JsonObject Args, string Status, string? Detail, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? UpdatedAt);
