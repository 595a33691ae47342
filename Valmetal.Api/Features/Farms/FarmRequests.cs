using Microsoft.Extensions.Localization;
using Valmetal.Api.Infrastructure;

namespace Valmetal.Api.Features.Farms;

public sealed record FarmRequest(string Name, string Address, string TimeZone)
{
    private static readonly IStringLocalizer Text = ApiText.For(typeof(FarmsApi));

    public Validation Validate()
    {
        var validation = new Validation()
            .Required("name", Name, 200)
            .Required("address", Address, 400)
            .Required("timeZone", TimeZone, 64);
        if (!string.IsNullOrWhiteSpace(TimeZone) && TimeZone.Length <= 64 && !TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _))
        {
            validation.Add("timeZone", Text["TimeZoneUnknown"]);
        }

        return validation;
    }
}

public sealed record BarnRequest(string Name, string? Notes = null)
{
    public Validation Validate() => new Validation().Required("name", Name, 100).Optional("notes", Notes, 1000);
}

public sealed record BarnResponse(Guid Id, Guid FarmId, string Name, string? Notes);
