using Microsoft.EntityFrameworkCore;
using Valmetal.Api.Features.DeviceIdentity;
using Valmetal.Api.Features.Users;

namespace Valmetal.Api.Data;

/// <summary>
/// The work done once per deploy, before any replica takes traffic: <c>Valmetal.Api migrate</c> runs it and exits. Locally
/// it is the AppHost's <c>migrator</c> resource, which the API replicas and telemetry wait for; in AWS a one-off task of
/// the API's task definition. Replicas never do it themselves: two of them would seed and write the revocation list
/// twice. Migrations follow the expand/contract rule of docs/deployment.md, so the previous release runs on the new schema.
/// </summary>
public static class DatabaseStartup
{
    public const string StartupWorkCommand = "migrate";

    public static bool IsStartupWorkCommand(string[] args) => args is [StartupWorkCommand];

    /// <summary>
    /// Applies checked-in migrations, seeds the demo fleet when <c>Seed:DemoFleet</c> is true, and writes the broker's
    /// revocation list from the database.
    /// </summary>
    public static async Task RunStartupWorkAsync(this WebApplication app)
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
