using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Valmetal.DeviceState;

public static class DeviceStateServiceCollectionExtensions
{
    public static IHostApplicationBuilder AddDeviceStateStore(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DeviceStateOptions>()
            .Bind(builder.Configuration.GetSection(DeviceStateOptions.SectionName));
        builder.Services.AddSingleton<IAmazonDynamoDB>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<DeviceStateOptions>>().Value;
            if (string.IsNullOrWhiteSpace(options.ServiceUrl))
            {
                return new AmazonDynamoDBClient(new AmazonDynamoDBConfig
                {
                    RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(options.Region),
                });
            }

            // The emulator checks that requests are signed, not by whom.
            return new AmazonDynamoDBClient(new BasicAWSCredentials("local", "local"), new AmazonDynamoDBConfig
            {
                ServiceURL = options.ServiceUrl,
                AuthenticationRegion = options.Region,
            });
        });
        return builder;
    }
}
