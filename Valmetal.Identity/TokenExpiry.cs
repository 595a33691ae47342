namespace Valmetal.Identity;

public static class TokenExpiry
{
    /// <summary>The <c>exp</c> of a JWT (unverified; used only to schedule refresh).</summary>
    public static DateTimeOffset Of(string jwt, TimeProvider time) =>
        UnverifiedJwt.Payload(jwt).TryGetProperty("exp", out var exp) && exp.TryGetInt64(out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : time.GetUtcNow().AddMinutes(5);
}
