namespace Valmetal.Api.Security;

/// <summary>The API answers JSON and CSV that no browser should render or frame; its reference page is the one exception.</summary>
public static class ApiSecurityHeaders
{
    public const string ReferencePath = "/scalar";

    /// <summary>Scalar boots from an inline module script and styles itself inline; it reaches only this origin.</summary>
    public const string ReferencePolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        + "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'none'; frame-ancestors 'none'";

    public static string PolicyFor(HttpContext context) =>
        context.Request.Path.StartsWithSegments(ReferencePath) ? ReferencePolicy : SecurityHeaders.NothingPolicy;
}
