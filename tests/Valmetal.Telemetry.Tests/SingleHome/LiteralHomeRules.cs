using System.Text.RegularExpressions;
using Valmetal.DeviceContract;
using Valmetal.DeviceContract.Commands;
using Valmetal.DeviceContract.Notifications;
using Valmetal.DeviceContract.Schema;

namespace Valmetal.Telemetry.Tests.SingleHome;

/// <summary>
/// What the repository writes once (issue #15): each rule's text belongs to its home. A test that pins a wire format
/// on purpose is allowed by name, with its reason; anything else uses the home's code.
/// </summary>
public static class LiteralHomeRules
{
    /// <summary>Tests that write the device contract's bytes out to catch a change of them.</summary>
    private const string WireFormatPins = "tests/Valmetal.Telemetry.Tests/Contract/WireFormatTests.cs";

    /// <summary>The rules themselves, and their test, which must show the scan finding such text.</summary>
    private const string Scanner = "tests/Valmetal.Telemetry.Tests/SingleHome/";

    /// <summary>
    /// The pieces topics are built from: the prefixes, IoT Core's reserved <c>$aws/</c> topics, the command levels,
    /// the wildcard filters over the data and configuration topics, and a topic's last level matched by hand (not state
    /// and status there: the API's routes end in them too).
    /// </summary>
    public static LiteralRule DeviceTopics { get; } = new(
        "device topic",
        new Regex($$"""(?:dt|cmd|app)/valmetal/|\$aws/|/(?:req|res)(?:/|"|')|\+/(?:{{Levels}})\b|["'`]/(?:{{LevelsNotRoutes}})["'`]"""),
        ["Valmetal.DeviceContract/Topics.cs"],
        [
            new(WireFormatPins, "pins the topics devices in the field use"),
            new("tests/Valmetal.Cdk.Tests/BrokerIdentityTests.cs", "pins the IoT policies as IoT Core reads them, its policy variables in the topics"),
            new("tests/Valmetal.Cdk.Tests/IdentityAndIotTests.cs", "pins the IoT policies' topic and topicfilter resources"),
            new("tests/Valmetal.EndToEnd.Tests/Startup/MosquittoAclTests.cs", "pins the Mosquitto ACL rendered from the access rules"),
            new(Scanner, "the rules' patterns, and the proof that a hand-written topic is found"),
        ]);

    /// <summary>
    /// A command status as a string: its name as the API stores and answers it, and as a device answers it. Lower-case
    /// names that are also notification statuses cannot be told apart here, so only the device's other ones count.
    /// A resource key (<c>Text["Failed"]</c>) is another vocabulary.
    /// </summary>
    public static LiteralRule CommandStatusNames { get; } = new(
        "command status",
        new Regex($$"""(?<!Text\[)["'](?:{{string.Join("|", Enum.GetNames<CommandStatus>().Concat(DeviceOnlyNames))}})["']"""),
        ["Valmetal.DeviceContract/Commands/"],
        [
            new(WireFormatPins, "pins the names stored, answered and sent by devices"),
            new("Valmetal.Api/Data/Configurations/MaintenanceLogConfiguration.cs", "a maintenance log's own 'Pending', another vocabulary"),
            new("Valmetal.Api/Data/Migrations/", "generated history, kept as written: the maintenance log's 'Pending' index filter"),
            new("tests/Valmetal.EndToEnd.Tests/Api/DemoMaintenanceTests.cs", "a maintenance log's own \"Pending\""),
            new("Valmetal.Cdk/Observability/OperationsDashboardConstruct.cs", "\"rejected\" is the telemetry rejections metric's label"),
            new("Valmetal.Telemetry/Pipeline/ReplicaStatsReporter.cs", "\"rejected\" names a SQL parameter of the replica statistics"),
            new("build/summarize-test-results.mjs", "outcome=\"Failed\" is a test's outcome in a TRX file"),
            new(Scanner, "the allowances' reasons, and the proof that a hand-written status is found"),
        ]);

    /// <summary>
    /// A table of the shared schema named in SQL by hand: after a clause that names a table (from, join, into, update,
    /// table, references), any of <see cref="Tables"/>' names. Statements build them from <see cref="Tables"/>, and the
    /// EF model maps its entities with them.
    /// </summary>
    public static LiteralRule SharedTableNames { get; } = new(
        "shared table name",
        new Regex($$"""(?i)\b(?:from|join|into|update|table|references)\s+(?:only\s+)?"?(?:{{TableNames}})"?(?=\s|\(|;|"|$)"""),
        ["Valmetal.DeviceContract/Schema/"],
        [
            new("Valmetal.Api/Data/Migrations/", "generated history, kept as written: a migration names the tables as they were then"),
            new("tests/Valmetal.Schema.Tests/OneRowPerSampleMigrationTests.cs", "fills the tables as they were before the migration it tests"),
            new(Scanner, "the rule's pattern, and the proof that a hand-written table name is found"),
        ]);

    public static IReadOnlyList<LiteralRule> All { get; } = [DeviceTopics, CommandStatusNames, SharedTableNames];

    private static string TableNames => string.Join("|", typeof(Tables).GetFields()
        .Where(f => f.IsLiteral && f.Name != nameof(Tables.TelemetrySchema))
        .Select(f => Regex.Escape((string)f.GetRawConstantValue()!)).OrderByDescending(name => name.Length));

    private static string Levels => string.Join("|", Topics.DeviceKinds.Select(Topics.Level).Append("config"));

    private static string LevelsNotRoutes =>
        string.Join("|", Topics.DeviceKinds.Except([DeviceTopicKind.State, DeviceTopicKind.Status]).Select(Topics.Level).Append("config"));

    private static IEnumerable<string> DeviceOnlyNames =>
        CommandStatuses.AnsweredByDevices.Select(s => s.DeviceName()).Except(NotificationStatus.All, StringComparer.Ordinal);
}
