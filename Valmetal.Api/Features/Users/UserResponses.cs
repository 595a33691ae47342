namespace Valmetal.Api.Features.Users;

public sealed record FarmRef(Guid Id, string Name);

public sealed record UserResponse(string Sub, string Email, string DisplayName, string Role, bool Disabled, IReadOnlyList<FarmRef> Farms);

public sealed record InviteUserRequest(string Email, string DisplayName, string Role, IReadOnlyList<Guid>? FarmIds = null, string? InitialPassword = null);

public sealed record SetRoleRequest(string Role);

public sealed record SetFarmsRequest(IReadOnlyList<Guid> FarmIds);
