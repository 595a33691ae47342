using Microsoft.AspNetCore.Components.Authorization;
using Valmetal.Web.Components.Fleet;

namespace Valmetal.Web.Pwa;

/// <summary>
/// The fleet as JSON for the service worker: fetched network-first while online and kept in the browser's cache,
/// so a phone in a barn without coverage still shows the last known state.
/// </summary>
public static class FleetSnapshotEndpoint
{
    public const string Path = "/fleet/snapshot.json";

    public static IEndpointRouteBuilder MapFleetSnapshot(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, GetAsync).RequireAuthorization();
        return app;
    }

    private static async Task<IResult> GetAsync(HttpContext http, AuthenticationStateProvider authentication, FleetLoader loader)
    {
        // Outside a Razor component nothing has told the provider who is signed in; the API client asks it for the token.
        ((IHostEnvironmentAuthenticationStateProvider)authentication).SetAuthenticationState(Task.FromResult(new AuthenticationState(http.User)));
        var snapshot = await loader.LoadAsync(http.RequestAborted);
        http.Response.Headers.CacheControl = "no-cache, private";
        return TypedResults.Ok(new
        {
            snapshot.GeneratedAt,
            Farms = snapshot.Farms.Select(f => new { f.Id, f.Name }),
            Equipment = snapshot.Rows.Select(r => new
            {
                r.Equipment.SerialNumber, r.Equipment.DisplayName, r.Equipment.ModelName, r.Equipment.FarmId,
                State = OperatingStates.Label(r.State), r.LastSeen, r.Values, r.OpenAlarms,
                NextDue = r.NextDue is { } due ? new { due.Title, due.DueAt, due.Overdue } : null,
            }),
        });
    }
}
