namespace Valmetal.Web.Localization;

/// <summary>A catalogue metric's name and unit in the reader's language (the API sends both languages).</summary>
public static class MetricNames
{
    extension(MetricResponse metric)
    {
        /// <summary>The name in the reader's language.</summary>
        public string Name => Languages.ReaderIsFrench ? metric.DisplayNameFr : metric.DisplayName;

        /// <summary>The unit as the reader's language writes it.</summary>
        public string ShownUnit => Languages.ReaderIsFrench ? metric.UnitFr : metric.Unit;
    }
}
