using System.Text.RegularExpressions;
using Valmetal.DeviceContract.Catalogue;

namespace Valmetal.EndToEnd.Tests.Web;

/// <summary>
/// What a farmer reads and clicks, as an English or a French (Québec) reader sees it: page objects take one, so the
/// same journey runs in both languages. Written out here rather than read from the web app's resources, so that a
/// missing or wrong translation fails the test instead of agreeing with itself.
/// </summary>
public sealed record Wording
{
    public static readonly Wording English = new()
    {
        BrowserLocale = "en-CA",
        HtmlLang = "en",
        Email = "E-mail",
        Password = "Password",
        SignIn = "Sign in",
        Fleet = "Fleet",
        Save = "Save",
        WhatWasDone = "What was done",
        Status = "Status",
        Notes = "Notes",
        PartsUsed = "Parts used",
        MinutesSpent = "Minutes spent",
        Upload = "Upload",
        Acknowledge = "Acknowledge",
        Acknowledged = "acknowledged",
        By = "by",
        DecimalSeparator = '.',
        UtcMinute = new(@"\d{4}-\d{2}-\d{2} (?<hour>\d{2}):(?<minute>\d{2}) UTC"),
        MetricName = metric => metric.DisplayName,
        MetricUnit = metric => metric.Unit,
    };

    public static readonly Wording French = new()
    {
        BrowserLocale = "fr-CA",
        HtmlLang = "fr-CA",
        Email = "Courriel",
        Password = "Mot de passe",
        SignIn = "Se connecter",
        Fleet = "Parc",
        Save = "Enregistrer",
        WhatWasDone = "Travaux faits",
        Status = "Statut",
        Notes = "Notes",
        PartsUsed = "Pièces utilisées",
        MinutesSpent = "Minutes passées",
        Upload = "Téléverser",
        Acknowledge = "Confirmer",
        Acknowledged = "confirmée",
        By = "par",
        DecimalSeparator = ',',
        // 24 h, with the "h" of Québec usage: "2026-12-02 17 h 05 UTC".
        UtcMinute = new(@"\d{4}-\d{2}-\d{2} (?<hour>\d{2}) h (?<minute>\d{2}) UTC"),
        MetricName = metric => metric.DisplayNameFr ?? throw new InvalidOperationException($"The demo catalogue names {metric.Key} in French."),
        MetricUnit = metric => metric.UnitFr ?? throw new InvalidOperationException($"The demo catalogue gives {metric.Key}'s unit in French."),
    };

    /// <summary>The wording of a browser locale, as a theory names it.</summary>
    public static Wording Of(string browserLocale) => new[] { English, French }.Single(w => w.BrowserLocale == browserLocale);

    /// <summary>The browser's language, sent as Accept-Language.</summary>
    public required string BrowserLocale { get; init; }

    /// <summary>The page's &lt;html lang&gt; in this language.</summary>
    public required string HtmlLang { get; init; }

    public required string Email { get; init; }

    public required string Password { get; init; }

    public required string SignIn { get; init; }

    public required string Fleet { get; init; }

    public required string Save { get; init; }

    public required string WhatWasDone { get; init; }

    public required string Status { get; init; }

    public required string Notes { get; init; }

    public required string PartsUsed { get; init; }

    public required string MinutesSpent { get; init; }

    public required string Upload { get; init; }

    public required string Acknowledge { get; init; }

    /// <summary>An acknowledged alarm's state, as the alarm list writes it.</summary>
    public required string Acknowledged { get; init; }

    /// <summary>The word before who acknowledged an alarm.</summary>
    public required string By { get; init; }

    public required char DecimalSeparator { get; init; }

    /// <summary>A moment to the minute as pages show it, with its hour and minute captured.</summary>
    public required Regex UtcMinute { get; init; }

    public required Func<MetricDefinition, string> MetricName { get; init; }

    public required Func<MetricDefinition, string> MetricUnit { get; init; }

    /// <summary>A value as the fleet and the gauges show it: one decimal under 100, none from 100.</summary>
    public Regex ShownValue => new($@"^-?\d+(\{DecimalSeparator}\d)?$");

    public override string ToString() => BrowserLocale;
}
