namespace Valmetal.Api.Data.Entities;

/// <summary>A person who signs in through Cognito; <c>Sub</c> is the user pool's stable id for them.</summary>
public sealed class AppUser
{
    public required string Sub { get; set; }
    public required string Email { get; set; }
    public required string DisplayName { get; set; }

    /// <summary>Mirrors the user's Cognito group; tokens carry the group and are what the API trusts.</summary>
    public required string Role { get; set; }

    public bool Disabled { get; set; }

    /// <summary>E.164 (<c>+15145550123</c>), for SMS; null for none.</summary>
    public string? Phone { get; set; }

    /// <summary>
    /// The language the user chose (<c>fr-CA</c> or <c>en</c>), for pages from sign-in on and for every message; null
    /// until they choose, when pages follow the browser and messages are in English.
    /// </summary>
    public string? Language { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public List<FarmMembership> Farms { get; set; } = [];
}
