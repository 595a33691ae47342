using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Valmetal.TestSupport.ApiMatrix;

/// <summary>
/// Real resources on an own farm (the farmer's and the technician's) and a foreign one, for every matrix row to point
/// at: the end-to-end suite creates them through the running platform, the API's tests in its database.
/// </summary>
public interface IMatrixData
{
    /// <summary>Signed in as an admin.</summary>
    HttpClient Admin { get; }

    Guid OwnFarm { get; }

    /// <summary>A user that rows may change (role, farms, disabled) without affecting the callers.</summary>
    string ThrowawayUser { get; }

    Guid Farm(Target target);

    string Serial(Target target);

    Guid Log(Target target);

    Guid Document(Target target);

    Guid Command(Target target);

    /// <summary>A new active alarm on the own or foreign unit: each acknowledgement needs one.</summary>
    Task<Guid> NewAlarmAsync(Target target);

    /// <summary>A new unit on the own or foreign farm, registered by an admin, for operations that can run once per unit.</summary>
    async Task<string> RegisterUnitAsync(Target target)
    {
        var serial = $"MX-{Guid.NewGuid():N}"[..20];
        var response = await Admin.PostAsJsonAsync("api/equipment", new
        {
            serialNumber = serial, displayName = "Matrix unit", modelCode = EndpointMatrix.ModelCode, farmId = Farm(target), installedOn = "2024-05-01", firmware = "1.0.0",
        });
        response.EnsureSuccessStatusCode();
        return serial;
    }

    /// <summary>What an admin reads now.</summary>
    async Task<JsonObject> ReadAsync(string url) => (await Admin.GetFromJsonAsync<JsonObject>(url))!;

    /// <summary>The ETag an admin reads now, for requests that must carry If-Match.</summary>
    Task<string> ETagAsync(string url);
}
