using System.ComponentModel.DataAnnotations;
using Valmetal.Api.Features.DeviceIdentity;

namespace Valmetal.Api.Tests.DeviceIdentity;

/// <summary>A registry missing a setting stops the API at start with the setting's name, not at the first device.</summary>
public sealed class DeviceRegistryOptionsTests
{
    [Fact]
    public void Iot_core_names_each_missing_setting()
    {
        var errors = Validate(new DeviceRegistryOptions { Kind = DeviceRegistryKind.IotCore });

        Assert.Equal(
        [
            "DeviceRegistry:ServiceUrl is required when DeviceRegistry:Kind is IotCore.",
            "DeviceRegistry:PolicyName is required when DeviceRegistry:Kind is IotCore.",
            "DeviceRegistry:ThingTypePrefix is required when DeviceRegistry:Kind is IotCore.",
            "DeviceRegistry:BrokerCaFile is required when DeviceRegistry:Kind is IotCore.",
        ], errors);
    }

    [Fact]
    public void The_local_ca_needs_its_folder_and_nothing_of_iot_core()
    {
        Assert.Equal(["DeviceRegistry:PkiFolder is required when DeviceRegistry:Kind is LocalCa."], Validate(new DeviceRegistryOptions()));
        Assert.Empty(Validate(new DeviceRegistryOptions { PkiFolder = "/state/pki" }));
    }

    [Fact]
    public void A_service_url_must_be_absolute()
    {
        var errors = Validate(new DeviceRegistryOptions
        {
            Kind = DeviceRegistryKind.IotCore, ServiceUrl = "iot.ca-central-1.amazonaws.com", PolicyName = "p", ThingTypePrefix = "valmetal-prod",
            BrokerCaFile = "/etc/ssl/certs/ca-certificates.crt",
        });

        Assert.Equal(["DeviceRegistry:ServiceUrl must be an absolute URL."], errors);
    }

    private static List<string> Validate(DeviceRegistryOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return [.. results.Select(r => r.ErrorMessage!)];
    }
}
