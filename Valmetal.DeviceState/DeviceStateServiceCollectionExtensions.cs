using Amazon.DynamoDBv2;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Valmetal.AwsHttp.Sdk;

namespace Valmetal.DeviceState;

public static class DeviceStateServiceCollectionExtensions
{
    public static IHostApplicationBuilder AddDeviceStateStore(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DeviceStateOptions>()
            .Bind(builder.Configuration.GetSection(DeviceStateOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddAwsSdkClient<IAmazonDynamoDB, DeviceStateOptions>(builder.Configuration, DeviceStateOptions.SectionName);
        return builder;
    }
}
