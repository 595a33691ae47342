using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Valmetal.Api.Data.Entities;
using Valmetal.DeviceContract.Commands;
using Valmetal.TestSupport.ApiMatrix;

namespace Valmetal.Api.Tests.Hosting;

/// <summary>
/// The matrix's resources in the API's database: what needs only the database is created through the API as an admin;
/// a finished upload, a sent command and a raised alarm are written as S3, the broker and the telemetry service leave
/// them, since those do not run here.
/// </summary>
public sealed class DatabaseMatrixData : IMatrixData
{
    private readonly ApiHost _api;
    private readonly Dictionary<Target, (Guid Log, Guid Document, Guid Command)> _rows = [];

    private DatabaseMatrixData(ApiHost api) => (_api, Admin) = (api, api.Client(Tenants.Admin));

    public HttpClient Admin { get; }
    public Guid OwnFarm => _api.Tenants.OwnFarm;
    public string ThrowawayUser { get; } = "throwaway-" + Guid.NewGuid().ToString("N");

    public Guid Farm(Target target) => target == Target.Own ? _api.Tenants.OwnFarm : _api.Tenants.ForeignFarm;
    public string Serial(Target target) => target == Target.Own ? _api.Tenants.OwnSerial : _api.Tenants.ForeignSerial;
    public Guid Log(Target target) => _rows[target].Log;
    public Guid Document(Target target) => _rows[target].Document;
    public Guid Command(Target target) => _rows[target].Command;

    /// <summary>Created once per host (<see cref="ApiHost.MatrixDataAsync"/>), shared by every test that needs it.</summary>
    internal static async Task<DatabaseMatrixData> CreateAsync(ApiHost api)
    {
        var data = new DatabaseMatrixData(api);
        await using var db = api.NewDbContext();
        db.Users.Add(new AppUser
        {
            Sub = data.ThrowawayUser, Email = data.ThrowawayUser + "@example.test", DisplayName = "Matrix subject", Role = Identity.CognitoGroups.Farmers,
            CreatedAt = DateTimeOffset.UtcNow, Farms = [new FarmMembership { UserSub = data.ThrowawayUser, FarmId = data.OwnFarm }],
        });
        foreach (var target in Enum.GetValues<Target>())
        {
            var serial = data.Serial(target);
            var logs = await data.Admin.GetFromJsonAsync<JsonArray>($"api/equipment/{serial}/maintenance");
            var document = new Document
            {
                Id = Guid.NewGuid(), Kind = DocumentKind.Report, SerialNumber = serial, FarmId = data.Farm(target), FileName = "matrix.txt",
                ContentType = "text/plain", SizeBytes = 10, ObjectKey = $"reports/{serial}/{Guid.NewGuid():N}", Status = DocumentStatus.Available,
                UploadedBySub = Tenants.Admin.Sub, CreatedAt = DateTimeOffset.UtcNow,
            };
            var command = new DeviceCommand
            {
                Id = Guid.NewGuid(), SerialNumber = serial, Name = "identify", Arguments = "{}", Status = CommandStatus.Pending,
                CreatedAt = DateTimeOffset.UtcNow, ExpiresAt = DateTimeOffset.UtcNow.AddMinutes(5), CreatedBySub = Tenants.Admin.Sub,
            };
            db.Documents.Add(document);
            db.DeviceCommands.Add(command);
            data._rows[target] = (logs![0]!["id"]!.GetValue<Guid>(), document.Id, command.Id);
        }

        await db.SaveChangesAsync();
        return data;
    }

    public async Task<Guid> NewAlarmAsync(Target target)
    {
        var id = Guid.NewGuid();
        await using var db = _api.NewDbContext();
        db.Alarms.Add(new Alarm
        {
            Id = id, SerialNumber = Serial(target), Kind = "fault", Source = "MX" + id.ToString("N")[..10], Severity = "minor", State = "active",
            Message = "matrix fault", RaisedAt = DateTimeOffset.UtcNow,
        });
        await db.SaveChangesAsync();
        return id;
    }

    /// <summary>
    /// The ETag an admin reads now. A device's state lives in DynamoDB, which does not run here: its made-up ETag is
    /// never compared, as the request is refused before, or stops at DynamoDB.
    /// </summary>
    public async Task<string> ETagAsync(string url)
    {
        using var response = await Admin.GetAsync(url);
        if (response.StatusCode == System.Net.HttpStatusCode.ServiceUnavailable && url.EndsWith("/state", StringComparison.Ordinal))
        {
            return "\"1\"";
        }

        response.EnsureSuccessStatusCode();
        return response.Headers.ETag!.ToString();
    }
}
