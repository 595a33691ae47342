using Valmetal.Web.ApiClient;
using Valmetal.Web.Localization;

namespace Valmetal.Web.Components.Fleet;

/// <summary>A metric's name and unit as the model catalogue gives them, which the fleet shows instead of its key.</summary>
public sealed record MetricLabel(string Key, string Name, string Unit)
{
    public static List<MetricLabel> Of(IEnumerable<MetricResponse> metrics) => metrics.Select(m => new MetricLabel(m.Key, m.Name, m.ShownUnit)).ToList();

    /// <summary>
    /// The values to show, in the catalogue's order; a key the catalogue does not name (a metric reported before the
    /// catalogue lists it) is still shown, under its key, after the named ones.
    /// </summary>
    public static IEnumerable<(MetricLabel Label, double Value)> Show(IReadOnlyList<MetricLabel> labels, IReadOnlyDictionary<string, double> values)
    {
        foreach (var label in labels)
        {
            if (values.TryGetValue(label.Key, out var value))
            {
                yield return (label, value);
            }
        }

        foreach (var (key, value) in values.Where(v => !labels.Any(l => l.Key == v.Key)).OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            yield return (new MetricLabel(key, key, string.Empty), value);
        }
    }
}
