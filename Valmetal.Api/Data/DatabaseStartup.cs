using Microsoft.EntityFrameworkCore;
using Valmetal.Api.Features.DeviceIdentity;
using Valmetal.Api.Features.Users;

namespace Valmetal.Api.Data;

public static class DatabaseStartup
{
    /// <summary>
    /// Applies checked-in migrations before the API reports healthy, so services that wait for it
    /// (telemetry) find the schema in place. Seeds the demo fleet when <c>Seed:DemoFleet</c> is true.
    /// </summary>
    public static async Task MigrateDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ValmetalDbContext>();
        var ct = app.Lifetime.ApplicationStopping;
        await db.Database.MigrateAsync(ct);
        if (app.Configuration.GetValue<bool>("Seed:DemoFleet"))
        {
            await DemoFleetSeeder.SeedAsync(db, scope.ServiceProvider.GetRequiredService<TimeProvider>(), ct);
            await DemoUsersSeeder.SeedAsync(db, scope.ServiceProvider.GetRequiredService<CognitoUserAdministration>(),
                scope.ServiceProvider.GetRequiredService<TimeProvider>(), ct);
        }

        var registry = scope.ServiceProvider.GetRequiredService<DeviceRegistry>();
        if (!string.IsNullOrWhiteSpace(app.Configuration[$"{DeviceRegistryOptions.SectionName}:PkiFolder"]))
        {
            if (app.Configuration.GetValue<bool>("Seed:DemoFleet"))
            {
                await registry.ImportDemoCertificatesAsync(db, scope.ServiceProvider.GetRequiredService<TimeProvider>(), ct);
            }

            // The list on disk follows the database, whatever happened to the file in between.
            await registry.PublishRevocationsAsync(db, ct);
        }
    }
}
