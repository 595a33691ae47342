namespace Valmetal.Api.Features.Users;

public sealed record FarmRef(Guid Id, string Name);

/// <summary>A user; <c>language</c> is null until they choose one (the web app then follows their browser).</summary>
public sealed record UserResponse(string Sub, string Email, string DisplayName, string Role, bool Disabled, IReadOnlyList<FarmRef> Farms, string? Language);

public sealed record InviteUserRequest(string Email, string DisplayName, string Role, IReadOnlyList<Guid>? FarmIds = null, string? InitialPassword = null);

public sealed record SetRoleRequest(string Role);

public sealed record SetFarmsRequest(IReadOnlyList<Guid> FarmIds);
