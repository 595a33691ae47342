using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Valmetal.DeviceContract.DemoFleet;
using Valmetal.EndToEnd.Tests.Platform;

namespace Valmetal.EndToEnd.Tests.Api;

/// <summary>
/// Documents travel browser ⇄ S3 through presigned URLs; the API only hands out URLs and checks what arrived.
/// Guards against the aws-chunked trap of s3rver (docs/local-stack.md): bytes must come back unchanged.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class DocumentRoundTripTests(PlatformFixture platform)
{
    internal static readonly string Serial = Fleet.Equipment.First(e => e.FarmId == DemoUsers.FarmerBeauregard.FarmIds[0]).Thing;

    [Fact]
    public async Task A_report_uploaded_through_a_presigned_url_downloads_byte_for_byte()
    {
        using var farmer = await platform.CreateApiClientAsync(DemoUsers.FarmerBeauregard);
        var bytes = new byte[300_000];
        RandomNumberGenerator.Fill(bytes);
        for (var i = 0; i < 256; i++)
        {
            bytes[i] = (byte)i; // every byte value, including CR, LF and NUL
        }

        var ticket = await StartAsync(farmer, "pump report.pdf", "application/pdf", bytes.Length);
        await PutAsync(ticket, bytes, "application/pdf");
        var completed = await farmer.PostAsync($"api/documents/{DocumentId(ticket)}/complete", null);
        Assert.Equal(HttpStatusCode.OK, completed.StatusCode);
        Assert.Equal("Available", (await completed.Content.ReadFromJsonAsync<JsonObject>())!["status"]!.GetValue<string>());

        var link = await farmer.GetFromJsonAsync<JsonObject>($"api/documents/{DocumentId(ticket)}/download");
        using var bucket = new HttpClient();
        using var download = await bucket.GetAsync(link!["url"]!.GetValue<string>());
        download.EnsureSuccessStatusCode();

        Assert.Equal(SHA256.HashData(bytes), SHA256.HashData(await download.Content.ReadAsByteArrayAsync()));
        Assert.Contains("pump_report.pdf", download.Content.Headers.ContentDisposition?.ToString(), StringComparison.Ordinal);
        var listed = await farmer.GetStringAsync($"api/equipment/{Serial}/documents");
        Assert.Contains(DocumentId(ticket).ToString(), listed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_upload_that_differs_from_what_was_declared_is_discarded()
    {
        using var farmer = await platform.CreateApiClientAsync(DemoUsers.FarmerBeauregard);
        var ticket = await StartAsync(farmer, "short.txt", "text/plain", 10);
        await PutAsync(ticket, new byte[5000], "text/plain");

        var completed = await farmer.PostAsync($"api/documents/{DocumentId(ticket)}/complete", null);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, completed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await farmer.GetAsync($"api/documents/{DocumentId(ticket)}")).StatusCode);
    }

    [Theory]
    [InlineData("application/x-msdownload", 100, "contentType")]
    [InlineData("application/pdf", 26L * 1024 * 1024, "sizeBytes")]
    [InlineData("application/pdf", 0, "sizeBytes")]
    public async Task Uploads_outside_the_limits_are_refused_before_any_url_is_given(string contentType, long size, string field)
    {
        using var farmer = await platform.CreateApiClientAsync(DemoUsers.FarmerBeauregard);

        var response = await farmer.PostAsJsonAsync("api/documents", new { kind = "Report", serialNumber = Serial, fileName = "x.bin", contentType, sizeBytes = size });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    internal static async Task<JsonObject> StartAsync(HttpClient api, string fileName, string contentType, long size, string? serialNumber = null)
    {
        var response = await api.PostAsJsonAsync("api/documents", new { kind = "Report", serialNumber = serialNumber ?? Serial, fileName, contentType, sizeBytes = size });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    internal static async Task PutAsync(JsonObject ticket, byte[] bytes, string contentType)
    {
        using var bucket = new HttpClient();
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new(contentType);
        (await bucket.PutAsync(ticket["uploadUrl"]!.GetValue<string>(), content)).EnsureSuccessStatusCode();
    }

    internal static Guid DocumentId(JsonObject ticket) => ticket["document"]!["id"]!.GetValue<Guid>();
}
