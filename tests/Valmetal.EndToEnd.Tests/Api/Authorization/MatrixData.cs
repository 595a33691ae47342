using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Valmetal.DeviceContract.DemoFleet;
using Valmetal.EndToEnd.Tests.Platform;
using Valmetal.DeviceContract.Schema;
using Valmetal.TestSupport.ApiMatrix;

namespace Valmetal.EndToEnd.Tests.Api.Authorization;

/// <summary>
/// Real resources on an own farm (farm 1: the farmer's and the technician's) and a foreign one (farm 3),
/// created once through the API as an admin, for every matrix row to point at.
/// </summary>
public sealed class MatrixData : IMatrixData
{
    private MatrixData()
    {
    }

    public required HttpClient Admin { get; init; }
    public required string DatabaseConnectionString { get; init; }
    public Guid OwnFarm { get; } = Fleet.Farms[0].Id;
    public Guid ForeignFarm { get; } = Fleet.Farms[2].Id;
    public string OwnSerial { get; } = Fleet.Equipment.First(e => e.FarmId == Fleet.Farms[0].Id).Thing;
    public string ForeignSerial { get; } = Fleet.Equipment.First(e => e.FarmId == Fleet.Farms[2].Id).Thing;
    public Guid OwnLog { get; private set; }
    public Guid ForeignLog { get; private set; }
    public Guid OwnDocument { get; private set; }
    public Guid ForeignDocument { get; private set; }
    public string ThrowawayUser { get; private set; } = string.Empty;
    public Guid OwnCommand { get; private set; }
    public Guid ForeignCommand { get; private set; }

    public Guid Command(Target target) => target == Target.Own ? OwnCommand : ForeignCommand;

    public Guid Farm(Target target) => target == Target.Own ? OwnFarm : ForeignFarm;
    public string Serial(Target target) => target == Target.Own ? OwnSerial : ForeignSerial;
    public Guid Log(Target target) => target == Target.Own ? OwnLog : ForeignLog;
    public Guid Document(Target target) => target == Target.Own ? OwnDocument : ForeignDocument;

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static MatrixData? _shared;

    /// <summary>Created once per test run and shared by every test that needs it.</summary>
    public static async Task<MatrixData> SharedAsync(PlatformFixture platform)
    {
        await Gate.WaitAsync();
        try
        {
            return _shared ??= await CreateAsync(platform);
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<MatrixData> CreateAsync(PlatformFixture platform)
    {
        var data = new MatrixData
        {
            Admin = await platform.CreateApiClientAsync(DemoUsers.Admin),
            DatabaseConnectionString = await platform.DatabaseConnectionStringAsync(),
        };
        data.OwnLog = await data.FirstLogAsync(data.OwnSerial);
        data.ForeignLog = await data.FirstLogAsync(data.ForeignSerial);
        data.OwnDocument = await data.UploadReportAsync(data.OwnSerial);
        data.ForeignDocument = await data.UploadReportAsync(data.ForeignSerial);
        var user = await data.Admin.PostAsJsonAsync("api/users", new
        {
            email = $"matrix-{Guid.NewGuid():N}@example.test",
            displayName = "Matrix subject",
            role = "farmers",
            farmIds = new[] { data.OwnFarm },
        });
        user.EnsureSuccessStatusCode();
        data.ThrowawayUser = (await user.Content.ReadFromJsonAsync<JsonObject>())!["sub"]!.GetValue<string>();
        data.OwnCommand = await data.SendCommandAsync(data.OwnSerial);
        data.ForeignCommand = await data.SendCommandAsync(data.ForeignSerial);
        return data;
    }

    public async Task<string> ETagAsync(string url)
    {
        using var response = await Admin.GetAsync(url);
        response.EnsureSuccessStatusCode();
        return response.Headers.ETag!.ToString();
    }

    /// <summary>
    /// A new active alarm on the own or foreign unit, written as the telemetry service writes alarms: the matrix needs
    /// one per acknowledgement, and the simulated devices it points at cannot be made to fault on demand.
    /// </summary>
    public async Task<Guid> NewAlarmAsync(Target target)
    {
        var id = Guid.NewGuid();
        await using var db = new Npgsql.NpgsqlConnection(DatabaseConnectionString);
        await db.OpenAsync();
        await using var insert = new Npgsql.NpgsqlCommand($"""
            insert into {Tables.Alarms} (id, serial_number, kind, source, severity, state, message, raised_at)
            values (@id, @serial, 'fault', @source, 'minor', 'active', 'matrix fault', now())
            """, db);
        insert.Parameters.AddWithValue("id", id);
        insert.Parameters.AddWithValue("serial", Serial(target));
        insert.Parameters.AddWithValue("source", "MX" + id.ToString("N")[..10]);
        await insert.ExecuteNonQueryAsync();
        return id;
    }

    private async Task<Guid> SendCommandAsync(string serial)
    {
        var response = await Admin.PostAsJsonAsync($"api/equipment/{serial}/commands", new { name = "identify", expiresInSeconds = 30 });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
    }

    private async Task<Guid> FirstLogAsync(string serial)
    {
        var logs = await Admin.GetFromJsonAsync<JsonArray>($"api/equipment/{serial}/maintenance");
        return logs![0]!["id"]!.GetValue<Guid>();
    }

    private async Task<Guid> UploadReportAsync(string serial)
    {
        var bytes = Encoding.UTF8.GetBytes("matrix report for " + serial);
        var start = await Admin.PostAsJsonAsync("api/documents", new
        {
            kind = "Report", serialNumber = serial, fileName = "matrix.txt", contentType = "text/plain", sizeBytes = bytes.Length,
        });
        start.EnsureSuccessStatusCode();
        var ticket = (await start.Content.ReadFromJsonAsync<JsonObject>())!;
        using var bucket = new HttpClient();
        using var put = new ByteArrayContent(bytes);
        put.Headers.ContentType = new("text/plain");
        (await bucket.PutAsync(ticket["uploadUrl"]!.GetValue<string>(), put)).EnsureSuccessStatusCode();
        var id = ticket["document"]!["id"]!.GetValue<Guid>();
        (await Admin.PostAsync($"api/documents/{id}/complete", null)).EnsureSuccessStatusCode();
        return id;
    }
}
