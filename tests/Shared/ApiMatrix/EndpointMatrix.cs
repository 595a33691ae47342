using System.Text.Json.Nodes;
using static Valmetal.TestSupport.ApiMatrix.EndpointCase;
using static Valmetal.TestSupport.ApiMatrix.Expectation;

namespace Valmetal.TestSupport.ApiMatrix;

/// <summary>
/// Every API operation with its access rule. AuthorizationMatrixTests fails when the API's OpenAPI document
/// lists an operation missing here, so a new endpoint cannot ship without a decision on who may call it.
/// </summary>
public static class EndpointMatrix
{
    /// <summary>A model of the demo fleet, on both farms.</summary>
    public const string ModelCode = "VM-FM-1200";

    private static readonly HttpMethod Get = HttpMethod.Get;
    private static readonly HttpMethod Post = HttpMethod.Post;
    private static readonly HttpMethod Put = HttpMethod.Put;

    public static readonly IReadOnlyList<EndpointCase> Cases =
    [
        // Farms and barns
        new("GET", "/api/farms", Everyone(200), (d, t) => Request(Get, "api/farms")),
        new("GET", "/api/farms/{farmId}", Tenant(200), (d, t) => Request(Get, $"api/farms/{d.Farm(t)}")),
        new("POST", "/api/farms", AdminOnly(201), (d, t) => Request(Post, "api/farms",
            new { name = $"Matrix farm {Guid.NewGuid():N}", address = "1 Test road", timeZone = "America/Toronto" })),
        new("PUT", "/api/farms/{farmId}", FarmManagers(200), async (d, t) =>
        {
            var url = $"api/farms/{d.Farm(t)}";
            var farm = await d.ReadAsync(url);
            return await Request(Put, url, new { name = farm["name"]!.GetValue<string>(), address = farm["address"]!.GetValue<string>(),
                timeZone = farm["timeZone"]!.GetValue<string>() }, await d.ETagAsync(url));
        }),
        new("GET", "/api/farms/{farmId}/barns", Tenant(200), (d, t) => Request(Get, $"api/farms/{d.Farm(t)}/barns")),
        new("POST", "/api/farms/{farmId}/barns", FarmManagers(201), (d, t) => Request(Post, $"api/farms/{d.Farm(t)}/barns",
            new { name = $"Barn {Guid.NewGuid():N}", notes = "matrix" })),

        // Equipment
        new("GET", "/api/equipment", Tenant(200), (d, t) => Request(Get, $"api/equipment?farmId={d.Farm(t)}")),
        new("GET", "/api/equipment/{serialNumber}", Tenant(200), (d, t) => Request(Get, $"api/equipment/{d.Serial(t)}")),
        new("POST", "/api/equipment", AdminOnly(201), (d, t) => Request(Post, "api/equipment", new
        {
            serialNumber = $"MX-{Guid.NewGuid():N}"[..20], displayName = "Matrix unit", modelCode = ModelCode,
            farmId = d.Farm(t), installedOn = "2024-05-01", firmware = "1.0.0",
        })),
        new("PUT", "/api/equipment/{serialNumber}", Tenant(200), async (d, t) =>
        {
            var url = $"api/equipment/{d.Serial(t)}";
            var unit = (await d.ReadAsync(url))["equipment"]!;
            return await Request(Put, url, new
            {
                displayName = unit["displayName"]!.GetValue<string>(), farmId = unit["farmId"]!.GetValue<Guid>(),
                barnId = unit["barnId"]?.GetValue<Guid>(), firmware = unit["firmware"]!.GetValue<string>(),
                status = unit["status"]!.GetValue<string>(), runHours = unit["runHours"]!.GetValue<double>(),
                installedOn = unit["installedOn"]!.GetValue<string>(),
            }, await d.ETagAsync(url));
        }),
        new("GET", "/api/equipment/{serialNumber}/audit", Tenant(200), (d, t) => Request(Get, $"api/equipment/{d.Serial(t)}/audit")),

        // Live data
        new("GET", "/api/equipment/{serialNumber}/state", Tenant(200), (d, t) => Request(Get, $"api/equipment/{d.Serial(t)}/state")) { Needs = Needs.DeviceState },
        new("GET", "/api/fleet/state", Tenant(200), (d, t) => Request(Get, $"api/fleet/state?farmId={d.Farm(t)}")) { Needs = Needs.DeviceState },
        new("PUT", "/api/equipment/{serialNumber}/desired", Tenant(200), async (d, t) =>
        {
            var url = $"api/equipment/{d.Serial(t)}";
            return await Request(Put, url + "/desired", new { desired = new { matrix_note = Guid.NewGuid().ToString("N") } }, await d.ETagAsync(url + "/state"));
        }) { Needs = Needs.DeviceState },
        new("GET", "/api/equipment/{serialNumber}/metrics/{metric}/history", Tenant(200),
            (d, t) => Request(Get, $"api/equipment/{d.Serial(t)}/metrics/motor_current_a/history")),
        new("GET", "/api/equipment/{serialNumber}/telemetry.csv", Tenant(200), (d, t) => Request(Get,
            $"api/equipment/{d.Serial(t)}/telemetry.csv?from={DateTimeOffset.UtcNow.AddHours(-1):O}&to={DateTimeOffset.UtcNow:O}&metrics=motor_current_a".Replace("+", "%2B", StringComparison.Ordinal))),
        new("GET", "/api/live", Tenant(200), (d, t) => Request(Get, $"api/live?farmId={d.Farm(t)}")),

        // Commands
        new("POST", "/api/equipment/{serialNumber}/commands", Tenant(201), (d, t) => Request(Post, $"api/equipment/{d.Serial(t)}/commands",
            new { name = "identify", args = new { seconds = 5, note = "matrix" }, expiresInSeconds = 30 })) { Needs = Needs.Broker },
        new("GET", "/api/equipment/{serialNumber}/commands", Tenant(200), (d, t) => Request(Get, $"api/equipment/{d.Serial(t)}/commands")),
        new("GET", "/api/equipment/{serialNumber}/commands/{commandId}", Tenant(200),
            (d, t) => Request(Get, $"api/equipment/{d.Serial(t)}/commands/{d.Command(t)}")),

        // Alarms
        new("GET", "/api/alarms", Tenant(200), (d, t) => Request(Get, $"api/alarms?farmId={d.Farm(t)}&state=all")),
        new("GET", "/api/alarms/summary", Everyone(200), (d, t) => Request(Get, "api/alarms/summary")),
        new("GET", "/api/alarms/{alarmId}", Tenant(200), async (d, t) => await Request(Get, $"api/alarms/{await d.NewAlarmAsync(t)}")),
        new("POST", "/api/alarms/{alarmId}/acknowledge", Tenant(200), async (d, t) => await Request(Post, $"api/alarms/{await d.NewAlarmAsync(t)}/acknowledge")),

        // Platform administration
        new("GET", "/api/admin/rejections", AdminOnly(200), (d, t) => Request(Get, "api/admin/rejections")),
        new("GET", "/api/admin/platform-health", AdminOnly(200), (d, t) => Request(Get, "api/admin/platform-health")),

        // Users
        new("GET", "/api/me", Everyone(200), (d, t) => Request(Get, "api/me")),
        // English, as every demo user's pages are in the rest of the suite.
        new("PUT", "/api/me/language", Everyone(204), (d, t) => Request(Put, "api/me/language", new { language = "en" })),

        // Notifications: one's own settings and browsers, and what admins see and set. The settings the matrix writes
        // turn every channel off, and its push endpoint cannot be reached: other tests choose what they need.
        new("GET", "/api/me/notifications", Everyone(200), (d, t) => Request(Get, "api/me/notifications")),
        new("PUT", "/api/me/notifications", new Expectation(401, (200, 404), (200, 404), (400, 400)), (d, t) => Request(Put, "api/me/notifications", new
        {
            phone = (string?)null, language = "en",
            farms = new[]
            {
                new { farmId = d.Farm(t), email = false, push = false, sms = false, minimumSeverity = "critical", quietFrom = (string?)null, quietUntil = (string?)null },
            },
        })),
        new("POST", "/api/me/notifications/test", Everyone(202), (d, t) => Request(Post, "api/me/notifications/test")),
        new("PUT", "/api/me/notifications/push", Everyone(204), (d, t) => Request(Put, "api/me/notifications/push", new
        {
            endpoint = $"https://push.invalid/matrix/{Guid.NewGuid():N}",
            keys = new { p256dh = "B" + new string('A', 86), auth = new string('A', 22) },
        })),
        new("DELETE", "/api/me/notifications/push", Everyone(204), (d, t) => Request(HttpMethod.Delete, "api/me/notifications/push?endpoint=https://push.invalid/matrix/none")),
        new("GET", "/api/notifications", AdminOnly(200), (d, t) => Request(Get, "api/notifications")),
        new("GET", "/api/farms/{farmId}/escalation", AdminOnly(200), (d, t) => Request(Get, $"api/farms/{d.Farm(t)}/escalation")),
        new("PUT", "/api/farms/{farmId}/escalation", AdminOnly(200), (d, t) => Request(Put, $"api/farms/{d.Farm(t)}/escalation",
            new { escalationMinutes = 15, contacts = Array.Empty<string>() })),
        new("GET", "/api/users", AdminOnly(200), (d, t) => Request(Get, "api/users")),
        new("POST", "/api/users", AdminOnly(201), (d, t) => Request(Post, "api/users",
            new { email = $"m-{Guid.NewGuid():N}@example.test", displayName = "Invited", role = "technicians", farmIds = new[] { d.Farm(t) } })) { Needs = Needs.UserPool },
        new("PUT", "/api/users/{sub}/role", AdminOnly(200), (d, t) => Request(Put, $"api/users/{d.ThrowawayUser}/role", new { role = "farmers" })) { Needs = Needs.UserPool },
        new("PUT", "/api/users/{sub}/farms", AdminOnly(200), (d, t) => Request(Put, $"api/users/{d.ThrowawayUser}/farms", new { farmIds = new[] { d.OwnFarm } })),
        new("POST", "/api/users/{sub}/disable", AdminOnly(200), (d, t) => Request(Post, $"api/users/{d.ThrowawayUser}/disable")) { Needs = Needs.UserPool },
        new("POST", "/api/users/{sub}/enable", AdminOnly(200), (d, t) => Request(Post, $"api/users/{d.ThrowawayUser}/enable")) { Needs = Needs.UserPool },
        // On a user who does not exist: cognito-local has none of these three operations (UserAccessCognitoTests checks
        // them against AWS's answers), so the matrix checks who may call them without reaching the user pool.
        new("POST", "/api/users/{sub}/invitation", AdminOnly(404), (d, t) => Request(Post, $"api/users/{Guid.NewGuid()}/invitation")),
        new("POST", "/api/users/{sub}/password-reset", AdminOnly(404), (d, t) => Request(Post, $"api/users/{Guid.NewGuid()}/password-reset")),
        new("POST", "/api/users/{sub}/signout", AdminOnly(404), (d, t) => Request(Post, $"api/users/{Guid.NewGuid()}/signout")),

        // Models and their catalogues
        new("GET", "/api/models", Everyone(200), (d, t) => Request(Get, "api/models")),
        new("GET", "/api/models/{modelCode}", Everyone(200), (d, t) => Request(Get, $"api/models/{ModelCode}")),
        new("PUT", "/api/models/{modelCode}/catalogue", AdminOnly(200), async (d, t) =>
        {
            var url = $"api/models/{ModelCode}";
            var model = await d.ReadAsync(url);
            return await Request(Put, url + "/catalogue", new
            {
                inactivityTimeoutSeconds = model["inactivityTimeoutSeconds"]!.GetValue<int>(),
                metrics = model["metrics"]!.AsArray().Select(m => m!.DeepClone()).ToArray(),
            }, await d.ETagAsync(url));
        }),

        new("PUT", "/api/models/{modelCode}/settings", AdminOnly(200), async (d, t) =>
        {
            // An empty list accepts any key, as the model did before: other rows write desired keys of their own.
            var url = $"api/models/{ModelCode}";
            return await Request(Put, url + "/settings", new { settings = Array.Empty<object>() }, await d.ETagAsync(url));
        }),

        // Maintenance
        new("GET", "/api/models/{modelCode}/maintenance-plans", Everyone(200), (d, t) => Request(Get, $"api/models/{ModelCode}/maintenance-plans")),
        new("POST", "/api/models/{modelCode}/maintenance-plans", AdminOnly(201), (d, t) => Request(Post, $"api/models/{ModelCode}/maintenance-plans",
            new { name = $"Matrix plan {Guid.NewGuid():N}"[..30], intervalDays = 30 })),
        new("GET", "/api/maintenance", Tenant(200), (d, t) => Request(Get, $"api/maintenance?farmId={d.Farm(t)}")),
        new("GET", "/api/maintenance/{logId}", Tenant(200), (d, t) => Request(Get, $"api/maintenance/{d.Log(t)}")),
        new("PUT", "/api/maintenance/{logId}", Tenant(200), async (d, t) =>
        {
            var url = $"api/maintenance/{d.Log(t)}";
            var log = await d.ReadAsync(url);
            return await Request(Put, url, new { status = log["status"]!.GetValue<string>(), notes = "checked by the matrix" }, await d.ETagAsync(url));
        }),
        new("GET", "/api/equipment/{serialNumber}/maintenance", Tenant(200), (d, t) => Request(Get, $"api/equipment/{d.Serial(t)}/maintenance")),
        new("POST", "/api/equipment/{serialNumber}/maintenance", Tenant(201), (d, t) => Request(Post, $"api/equipment/{d.Serial(t)}/maintenance",
            new { title = "Greased bearings", status = "Done", minutesSpent = 20 })),

        // Documents
        new("POST", "/api/documents", Tenant(201), (d, t) => Request(Post, "api/documents",
            new { kind = "Report", serialNumber = d.Serial(t), fileName = "r.txt", contentType = "text/plain", sizeBytes = 10 })),
        new("POST", "/api/documents/{documentId}/complete", Tenant(200), (d, t) => Request(Post, $"api/documents/{d.Document(t)}/complete")),
        new("GET", "/api/documents/{documentId}", Tenant(200), (d, t) => Request(Get, $"api/documents/{d.Document(t)}")),
        new("GET", "/api/documents/{documentId}/download", Tenant(200), (d, t) => Request(Get, $"api/documents/{d.Document(t)}/download")),
        new("GET", "/api/equipment/{serialNumber}/documents", Tenant(200), (d, t) => Request(Get, $"api/equipment/{d.Serial(t)}/documents")),
        new("GET", "/api/models/{modelCode}/documents", Everyone(200), (d, t) => Request(Get, $"api/models/{ModelCode}/documents")),

        // Device identity
        new("POST", "/api/equipment/{serialNumber}/certificate", AdminOnly(201), async (d, t) =>
            await Request(Post, $"api/equipment/{await d.RegisterUnitAsync(t)}/certificate")),
        new("GET", "/api/equipment/{serialNumber}/certificates", AdminOnly(200), (d, t) => Request(Get, $"api/equipment/{d.Serial(t)}/certificates")),
        new("POST", "/api/equipment/{serialNumber}/certificate/revoke", AdminOnly(200), async (d, t) =>
        {
            var serial = await d.RegisterUnitAsync(t);
            (await d.Admin.PostAsync($"api/equipment/{serial}/certificate", null)).EnsureSuccessStatusCode();
            return await Request(Post, $"api/equipment/{serial}/certificate/revoke");
        }),
    ];

    /// <summary>Each operation that <paramref name="include"/> takes, with each caller, as theory rows.</summary>
    public static IEnumerable<object[]> Rows(Func<EndpointCase, bool> include) =>
        from c in Cases.Where(include)
        from caller in Enum.GetValues<Caller>()
        select new object[] { c.Key, caller };

    public static EndpointCase Find(string key) => Cases.Single(c => c.Key == key);

    /// <summary>Operations named by the OpenAPI document, as "METHOD /path".</summary>
    public static IEnumerable<string> Operations(JsonObject openApi) =>
        from path in openApi["paths"]!.AsObject()
        from operation in path.Value!.AsObject()
        where operation.Key is "get" or "post" or "put" or "patch" or "delete"
        select $"{operation.Key.ToUpperInvariant()} {path.Key}";
}
