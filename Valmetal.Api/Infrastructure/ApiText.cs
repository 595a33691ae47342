using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Valmetal.Api.Infrastructure;

/// <summary>
/// What the API tells its callers (problem titles and details, validation messages), in the request's language:
/// English, or Québec French for an <c>Accept-Language</c> close to it. A class reads the resources of the type it
/// names, <c>X.resx</c> and <c>X.fr-CA.resx</c> beside <c>X.cs</c>: an endpoint class's resources also hold the texts of
/// the requests it validates, in the same folder.
/// </summary>
/// <remarks>
/// A localizer looks its text up in <see cref="System.Globalization.CultureInfo.CurrentUICulture"/>, which request
/// localization sets for the request, and keeps nothing else: one per class, held in a static field named <c>Text</c>,
/// serves every request, and request records validate themselves without being handed services.
/// </remarks>
public static class ApiText
{
    private static readonly ResourceManagerStringLocalizerFactory Factory =
        new(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance);

    public static IStringLocalizer For(Type resources) => Factory.Create(resources);
}
