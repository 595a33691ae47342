using Microsoft.EntityFrameworkCore;
using Valmetal.Api.Data.Entities;
using Valmetal.Api.Features.Users;
using Valmetal.DeviceContract.DemoFleet;

namespace Valmetal.Api.Data;

/// <summary>Creates one sign-in account per role in the local user pool and gives each its farms.</summary>
public static class DemoUsersSeeder
{
    public static async Task SeedAsync(ValmetalDbContext db, CognitoUserAdministration cognito, TimeProvider time, CancellationToken ct)
    {
        foreach (var demo in DemoUsers.All)
        {
            var sub = await cognito.EnsureUserAsync(demo.Email, demo.Password, ct);
            await cognito.SetGroupAsync(demo.Email, demo.Group, ct);
            if (await db.Users.AnyAsync(u => u.Sub == sub, ct))
            {
                continue;
            }

            db.Users.Add(new AppUser
            {
                Sub = sub,
                Email = demo.Email,
                DisplayName = demo.DisplayName,
                Role = demo.Group,
                CreatedAt = time.GetUtcNow(),
                Farms = demo.FarmIds.Select(f => new FarmMembership { UserSub = sub, FarmId = f }).ToList(),
            });
        }

        await db.SaveChangesAsync(ct);
    }
}
