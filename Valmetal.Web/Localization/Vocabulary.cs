using Microsoft.Extensions.Localization;
using Valmetal.DeviceContract.Alarms;
using Valmetal.DeviceContract.Notifications;
using Valmetal.DeviceContract.Rejections;
using Valmetal.Identity;
using Valmetal.Web.Components.Fleet;

namespace Valmetal.Web.Localization;

/// <summary>
/// The words every page shares (Save, Cancel…) and the platform's values as people read them: the API and the device
/// contract speak in codes (<c>critical</c>, <c>acknowledged</c>), pages show them in the reader's language. Each code
/// has one literal key, so the resource test sees every word; an unknown code is shown as it is.
/// </summary>
public sealed class Vocabulary(IStringLocalizer<Vocabulary> text)
{
    /// <summary>A shared word by its key, a literal the suite checks against Vocabulary.resx.</summary>
    public LocalizedString this[string key] => text[key];

    public LocalizedString this[string key, params object[] arguments] => text[key, arguments];

    public string Severity(string severity) => severity switch
    {
        AlarmSeverity.Critical => text["SeverityCritical"],
        AlarmSeverity.Major => text["SeverityMajor"],
        AlarmSeverity.Minor => text["SeverityMinor"],
        AlarmSeverity.Warning => text["SeverityWarning"],
        _ => severity,
    };

    public string AlarmState(string state) => state switch
    {
        DeviceContract.Alarms.AlarmState.Active => text["AlarmStateActive"],
        DeviceContract.Alarms.AlarmState.Acknowledged => text["AlarmStateAcknowledged"],
        DeviceContract.Alarms.AlarmState.Cleared => text["AlarmStateCleared"],
        _ => state,
    };

    public string AlarmKind(string kind) => kind switch
    {
        DeviceContract.Alarms.AlarmKind.Threshold => text["AlarmKindThreshold"],
        DeviceContract.Alarms.AlarmKind.Fault => text["AlarmKindFault"],
        DeviceContract.Alarms.AlarmKind.Offline => text["AlarmKindOffline"],
        _ => kind,
    };

    public string OperatingState(OperatingState state) => state switch
    {
        Components.Fleet.OperatingState.Running => text["OperatingStateRunning"],
        Components.Fleet.OperatingState.Idle => text["OperatingStateIdle"],
        Components.Fleet.OperatingState.Fault => text["OperatingStateFault"],
        Components.Fleet.OperatingState.Offline => text["OperatingStateOffline"],
        _ => state.ToString(),
    };

    public string Role(string role) => role switch
    {
        CognitoGroups.Admins => text["RoleAdmins"],
        CognitoGroups.Technicians => text["RoleTechnicians"],
        CognitoGroups.Farmers => text["RoleFarmers"],
        _ => role,
    };

    public string Channel(string channel) => channel switch
    {
        NotificationChannel.Email => text["ChannelEmail"],
        NotificationChannel.Push => text["ChannelPush"],
        NotificationChannel.Sms => text["ChannelSms"],
        _ => channel,
    };

    public string DeliveryStatus(string status) => status switch
    {
        NotificationStatus.Pending => text["DeliveryPending"],
        NotificationStatus.Delivered => text["DeliveryDelivered"],
        NotificationStatus.Failed => text["DeliveryFailed"],
        _ => status,
    };

    /// <summary>A day, written as Québec writes dates in both languages (2026-11-27).</summary>
    public string Day(DateTimeOffset at) => text["CalendarDay", at];

    /// <summary>A moment to the minute, in UTC: the server does not know the reader's time zone. 24 h in both languages.</summary>
    public string UtcMinute(DateTimeOffset at) => text["UtcMinute", at.UtcDateTime];

    /// <summary>A moment to the second, in UTC, as <see cref="UtcMinute"/>.</summary>
    public string UtcSecond(DateTimeOffset at) => text["UtcSecond", at.UtcDateTime];

    /// <summary>A model's kind as the API names it, <see cref="DeviceContract.Catalogue.EquipmentKind"/>'s member name.</summary>
    public string EquipmentKind(string kind) => kind switch
    {
        nameof(DeviceContract.Catalogue.EquipmentKind.FeedMixer) => text["EquipmentKindFeedMixer"],
        nameof(DeviceContract.Catalogue.EquipmentKind.SiloUnloader) => text["EquipmentKindSiloUnloader"],
        nameof(DeviceContract.Catalogue.EquipmentKind.Conveyor) => text["EquipmentKindConveyor"],
        nameof(DeviceContract.Catalogue.EquipmentKind.FeedCart) => text["EquipmentKindFeedCart"],
        nameof(DeviceContract.Catalogue.EquipmentKind.ManureScraper) => text["EquipmentKindManureScraper"],
        _ => kind,
    };

    /// <summary>Why a notification was sent, as the notification log records it.</summary>
    public string NotificationKind(string kind) => kind switch
    {
        AlarmEventKind.Raised => text["NotificationKindRaised"],
        AlarmEventKind.Cleared => text["NotificationKindCleared"],
        AlarmEventKind.Escalated => text["NotificationKindEscalated"],
        AlarmEventKind.Test => text["NotificationKindTest"],
        _ => kind,
    };

    /// <summary>Why the telemetry service refused a device message; the detail beside a reason stays as the service wrote it.</summary>
    public string RejectionReason(string reason) => reason switch
    {
        RejectionReasonCodes.PayloadTooLarge => text["RejectionPayloadTooLarge"],
        RejectionReasonCodes.MalformedJson => text["RejectionMalformedJson"],
        RejectionReasonCodes.InvalidSchema => text["RejectionInvalidSchema"],
        RejectionReasonCodes.UnknownThing => text["RejectionUnknownThing"],
        RejectionReasonCodes.UnknownMetric => text["RejectionUnknownMetric"],
        RejectionReasonCodes.WrongType => text["RejectionWrongType"],
        RejectionReasonCodes.OutOfRange => text["RejectionOutOfRange"],
        RejectionReasonCodes.FutureTimestamp => text["RejectionFutureTimestamp"],
        RejectionReasonCodes.StaleTimestamp => text["RejectionStaleTimestamp"],
        RejectionReasonCodes.TooManySamples => text["RejectionTooManySamples"],
        RejectionReasonCodes.Unreadable => text["RejectionUnreadable"],
        RejectionReasonCodes.StoreRefused => text["RejectionStoreRefused"],
        RejectionReasonCodes.Quarantined => text["RejectionQuarantined"],
        _ => reason,
    };
}
