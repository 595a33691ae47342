using System.Net;
using System.Text.Json.Nodes;
using Npgsql;
using static Valmetal.EndToEnd.Tests.Api.DocumentRoundTripTests;

namespace Valmetal.EndToEnd.Tests.Api;

/// <summary>
/// An upload URL handed out and never confirmed: the API's sweep (every second here) deletes the record and the
/// object it left in s3rver once the bound has passed, and leaves uploads still within it alone.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class AbandonedUploadTests(PlatformFixture platform)
{
    [Fact]
    public async Task An_upload_never_confirmed_in_time_loses_its_record_and_its_object()
    {
        using var farmer = await platform.CreateApiClientAsync(DemoUsers.FarmerBeauregard);
        var abandoned = await StartAsync(farmer, "abandoned.txt", "text/plain", 5);
        var fresh = await StartAsync(farmer, "fresh.txt", "text/plain", 5);
        await PutAsync(abandoned, "hello"u8.ToArray(), "text/plain");
        await PutAsync(fresh, "hello"u8.ToArray(), "text/plain");
        using var bucket = new HttpClient { BaseAddress = platform.App.GetEndpoint("s3", "http") };
        var abandonedObject = PendingObject(abandoned);
        Assert.Equal(HttpStatusCode.OK, (await bucket.GetAsync(abandonedObject)).StatusCode);

        // A day older than it is: far past the URL's lifetime plus the margin.
        await using (var db = new NpgsqlConnection(await platform.DatabaseConnectionStringAsync()))
        {
            await db.OpenAsync();
            await using var backdate = new NpgsqlCommand("update documents set created_at = created_at - interval '1 day' where id = $1", db);
            backdate.Parameters.AddWithValue(DocumentId(abandoned));
            Assert.Equal(1, await backdate.ExecuteNonQueryAsync());
        }

        await Eventually.GetAsync(async () =>
            (await farmer.GetAsync($"api/documents/{DocumentId(abandoned)}")).StatusCode == HttpStatusCode.NotFound ? "gone" : null,
            TimeSpan.FromSeconds(30), "the abandoned upload's record to be deleted");

        Assert.Equal(HttpStatusCode.NotFound, (await bucket.GetAsync(abandonedObject)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await farmer.GetAsync($"api/documents/{DocumentId(fresh)}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await bucket.GetAsync(PendingObject(fresh))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await farmer.PostAsync($"api/documents/{DocumentId(fresh)}/complete", null)).StatusCode);
    }

    /// <summary>The object the upload URL wrote, read without a signature (s3rver does not check them).</summary>
    private static string PendingObject(JsonObject ticket)
    {
        var url = new Uri(ticket["uploadUrl"]!.GetValue<string>());
        Assert.StartsWith("/valmetal-documents/pending/", url.AbsolutePath, StringComparison.Ordinal);
        return url.AbsolutePath;
    }
}
