using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Components.Authorization;
using Valmetal.Web.Account;
using Valmetal.Web.Components.Fleet;

namespace Valmetal.Web.Pwa;

/// <summary>
/// The fleet as JSON for the service worker: fetched network-first while online and kept in the browser's cache,
/// so a phone in a barn without coverage still shows the last known state.
/// </summary>
public static class FleetSnapshotEndpoint
{
    public const string Path = "/fleet/snapshot.json";

    /// <summary>Whose fleet this is (<see cref="SessionClaims.OwnerKey"/>); the service worker keeps it with the copy.</summary>
    public const string OwnerHeader = "X-Valmetal-Owner";

    /// <summary>When the session that fetched it ends at the latest; past that the copy is not shown offline.</summary>
    public const string SessionExpiresHeader = "X-Valmetal-Session-Expires";

    public static IEndpointRouteBuilder MapFleetSnapshot(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, GetAsync).RequireAuthorization();
        return app;
    }

    private static async Task<IResult> GetAsync(HttpContext http, AuthenticationStateProvider authentication, FleetLoader loader, OfflineTexts texts)
    {
        RequestUser.Provide(authentication, http);
        var snapshot = await loader.LoadAsync(http.RequestAborted);
        http.Response.Headers.CacheControl = "no-cache, private";
        http.Response.Headers[OwnerHeader] = SessionClaims.OwnerKey(http.User);
        if (http.Features.Get<IAuthenticateResultFeature>()?.AuthenticateResult?.Properties?.ExpiresUtc is { } expires)
        {
            http.Response.Headers[SessionExpiresHeader] = expires.ToString("O", CultureInfo.InvariantCulture);
        }
        return TypedResults.Ok(new
        {
            snapshot.GeneratedAt,
            // Read by the offline page, a static file: its words and the conventions of the language it was fetched in.
            OfflineTexts.Language,
            Texts = texts.Page(),
            Farms = snapshot.Farms.Select(f => new { f.Id, f.Name }),
            Equipment = snapshot.Rows.Select(r => new
            {
                r.Equipment.SerialNumber, r.Equipment.DisplayName, r.Equipment.ModelName, r.Equipment.FarmId,
                State = OperatingStates.Label(r.State), StateName = texts.State(r.State), r.LastSeen, r.OpenAlarms,
                Metrics = MetricLabel.Show(snapshot.LabelsOf(r.Equipment), r.Values)
                    .Select(m => new { m.Label.Name, m.Label.Unit, m.Value, Shown = Formatting.Value(m.Value) }),
                NextDue = r.NextDue is { } due ? new { due.Title, due.DueAt, due.Overdue } : null,
            }),
        });
    }
}
