namespace Valmetal.DeviceContract;

/// <summary>
/// The languages Valmetal speaks to people, as every service, the database and the web app name them. English is the
/// default: for requests asking for neither, and for users who never chose (the notifier's messages, the API's settings).
/// </summary>
public static class LanguageCodes
{
    public const string English = "en";
    public const string French = "fr-CA";

    public const string Default = English;
}
