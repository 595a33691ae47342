namespace Valmetal.Api.Contracts;

public sealed record FarmRef(Guid Id, string Name);

/// <summary>A user; <c>language</c> is null until they choose one (the web app then follows their browser).</summary>
public sealed record UserResponse(string Sub, string Email, string DisplayName, string Role, bool Disabled, IReadOnlyList<FarmRef> Farms, string? Language);

/// <summary>The language a user chose with the web app's switch: saved, it wins over the browser's at every sign-in.</summary>
public sealed record LanguageRequest(string Language);
