using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Valmetal.DeviceContract.DemoFleet;
using Valmetal.EndToEnd.Tests.Platform;
using Valmetal.DeviceContract.Schema;

namespace Valmetal.EndToEnd.Tests.Api;

/// <summary>
/// Cognito's refusals reach the admin as problem details through the running API. Each kind is covered against canned
/// answers in Valmetal.Api.Tests; this shows the handler is in the pipeline, with an error cognito-local really sends.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class UserDirectoryErrorTests(PlatformFixture platform)
{
    [Fact]
    public async Task A_user_the_directory_does_not_know_is_a_404_not_a_500()
    {
        var sub = Guid.NewGuid().ToString();
        await using (var db = new Npgsql.NpgsqlConnection(await platform.DatabaseConnectionStringAsync()))
        {
            await db.OpenAsync();
            await using var insert = new Npgsql.NpgsqlCommand(
                $"insert into {Tables.Users} (sub, email, display_name, role, disabled, created_at) values (@sub, @email, 'Ghost', 'farmers', false, now())", db);
            insert.Parameters.AddWithValue("sub", sub);
            insert.Parameters.AddWithValue("email", $"ghost-{sub}@example.test");
            await insert.ExecuteNonQueryAsync();
        }

        using var admin = await platform.CreateApiClientAsync(DemoUsers.Admin);
        using var response = await admin.PostAsync($"api/users/{sub}/disable", null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("UserNotFoundException", problem!["cognitoError"]!.GetValue<string>());
    }
}
