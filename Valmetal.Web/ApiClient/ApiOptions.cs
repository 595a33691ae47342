using System.ComponentModel.DataAnnotations;
using Valmetal.Identity;

namespace Valmetal.Web.ApiClient;

/// <summary>
/// Where the API is: its load balancer, as every other client reaches it (the gateway locally, the API's ALB in AWS).
/// Read from the top-level <c>ApiBaseUrl</c> the AppHost and the CDK set; there is no default, so a deployment that
/// forgets it fails at start rather than calling some other address.
/// </summary>
public sealed class ApiOptions : IValidatableObject
{
    public string ApiBaseUrl { get; set; } = string.Empty;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!CognitoOptions.IsWebAddress(ApiBaseUrl))
        {
            yield return new ValidationResult(
                "ApiBaseUrl must be the API's absolute address, such as https://api.example.com.", [nameof(ApiBaseUrl)]);
        }
    }
}
