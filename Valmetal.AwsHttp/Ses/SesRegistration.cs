using Microsoft.Extensions.DependencyInjection;

namespace Valmetal.AwsHttp.Ses;

public static class SesRegistration
{
    /// <summary>SES's client, signed, at <paramref name="endpoint"/> (the regional <c>email.{region}.amazonaws.com</c>).</summary>
    public static IHttpClientBuilder AddSesClient(this IServiceCollection services, Func<IServiceProvider, Uri> endpoint) =>
        services.AddHttpClient<SesClient>((sp, http) => http.BaseAddress = endpoint(sp)).AddAwsSigning(SesClient.SigningName);
}
