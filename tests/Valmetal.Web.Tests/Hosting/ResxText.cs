using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Valmetal.Web.Tests.Hosting;

/// <summary>The texts of a type's .resx in the current UI culture, as the app's localization reads them.</summary>
internal static class ResxText
{
    public static StringLocalizer<T> For<T>() =>
        new(new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance));
}
