namespace Valmetal.Api.Features.Users;

public sealed record InviteUserRequest(string Email, string DisplayName, string Role, IReadOnlyList<Guid>? FarmIds = null, string? InitialPassword = null);

public sealed record SetRoleRequest(string Role);

public sealed record SetFarmsRequest(IReadOnlyList<Guid> FarmIds);
