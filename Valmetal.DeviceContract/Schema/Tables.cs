namespace Valmetal.DeviceContract.Schema;

/// <summary>
/// The names of the PostgreSQL tables that raw SQL reaches. The API's EF Core migrations create them all; the EF model
/// maps its entities with these names, and the telemetry service, the notifier and the API's own raw SQL statements
/// (the <see cref="SqlAttribute"/> consts) are built from them, so a rename is one edit here plus a migration.
/// Qualified names include their schema; statements use them as they are.
/// </summary>
public static class Tables
{
    public const string TelemetrySchema = "telemetry";

    public const string Equipment = "equipment";
    public const string EquipmentModels = "equipment_models";
    public const string MetricDefinitions = "metric_definitions";
    public const string ModelSettings = "model_settings";
    public const string Alarms = "alarms";
    public const string AlarmEvents = "alarm_events";
    public const string DeviceCommands = "device_commands";
    public const string Users = "users";
    public const string FarmMemberships = "farm_memberships";
    public const string Farms = "farms";
    public const string NotificationPreferences = "notification_preferences";
    public const string Notifications = "notifications";
    public const string PushSubscriptions = "push_subscriptions";
    public const string EscalationContacts = "escalation_contacts";

    /// <summary>One row, bumped by triggers whenever a row that decides access changes (the API's access cache).</summary>
    public const string AccessVersion = "access_version";

    /// <summary>One row, bumped by triggers whenever a row the telemetry service's device catalogue reads changes.</summary>
    public const string CatalogueVersion = "catalogue_version";

    /// <summary>
    /// Raw samples, one row per (thing, ts) with the sample's metrics and values as parallel arrays, partitioned by
    /// day (<see cref="SamplePartitions"/>). Written by the telemetry service's store only; readers use <see cref="Points"/>.
    /// </summary>
    public const string Samples = TelemetrySchema + "." + SamplesName;

    /// <summary>A view of <see cref="Samples"/> with one row per point: thing, metric, ts, value.</summary>
    public const string Points = TelemetrySchema + "." + PointsName;
    public const string RollupsMinute = TelemetrySchema + "." + RollupsMinuteName;
    public const string RollupsHour = TelemetrySchema + "." + RollupsHourName;

    /// <summary>
    /// The (thing, minute) buckets with samples the rollups do not count yet: marked by ingest, recomputed and cleared
    /// by the telemetry service's rollup pass. Readers of rollups add what these buckets' samples say.
    /// </summary>
    public const string RollupsPending = TelemetrySchema + ".rollups_pending";
    public const string DevicePresence = TelemetrySchema + ".device_presence";
    public const string Rejections = TelemetrySchema + "." + RejectionsName;
    public const string DeviceQuarantine = TelemetrySchema + "." + DeviceQuarantineName;
    public const string ClientSlots = TelemetrySchema + ".client_slots";
    public const string ReplicaStats = TelemetrySchema + ".replica_stats";
    public const string ThresholdStates = TelemetrySchema + ".threshold_states";
    public const string DeviceEvents = TelemetrySchema + ".device_events";

    /// <summary>When a device's latest values were last written to its shadow, by any replica (one writer per interval).</summary>
    public const string LatestValuesWrites = TelemetrySchema + ".latest_values_writes";

    /// <summary>Unqualified, for EF Core's <c>ToTable(name, schema)</c> and a history read's choice of rollup.</summary>
    public const string PointsName = "points";
    public const string SamplesName = "samples";
    public const string RollupsMinuteName = "rollups_minute";
    public const string RollupsHourName = "rollups_hour";
    public const string RejectionsName = "rejections";
    public const string DeviceQuarantineName = "device_quarantine";
}
