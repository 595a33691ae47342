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
    public DateTimeOffset CreatedAt { get; set; }
    public List<FarmMembership> Farms { get; set; } = [];
}
