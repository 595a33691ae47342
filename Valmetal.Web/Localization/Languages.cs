namespace Valmetal.Web.Localization;

/// <summary>
/// The languages users choose between for what they are told (Valmetal.Api's NotificationSettingsRequest takes the
/// same two): French as spoken in Québec, and English.
/// </summary>
public static class Languages
{
    public const string English = "en";
    public const string French = "fr-CA";
}
