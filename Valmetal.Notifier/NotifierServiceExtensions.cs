using Lib.Net.Http.WebPush;
using Microsoft.Extensions.Options;
using Valmetal.AwsHttp;
using Valmetal.AwsHttp.Ses;
using Valmetal.AwsHttp.Sns;
using Valmetal.Notifier.Channels;
using Valmetal.Notifier.Escalation;
using Valmetal.Notifier.Messages;
using Valmetal.Notifier.Outbox;
using Valmetal.Notifier.Sending;

namespace Valmetal.Notifier;

public static class NotifierServiceExtensions
{
    public static IHostApplicationBuilder AddNotifier(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDataSource("valmetal");
        var services = builder.Services;
        services.AddOptions<NotifierOptions>().Bind(builder.Configuration.GetSection(NotifierOptions.SectionName))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ChannelOptions>().Bind(builder.Configuration.GetSection(ChannelOptions.SectionName))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<AlarmText>();
        services.AddSingleton<AlarmFanOut>();
        services.AddSingleton<AlarmEscalation>();
        services.AddSingleton<NotificationSender>();

        var channels = builder.Configuration.GetSection(ChannelOptions.SectionName).Get<ChannelOptions>() ?? new ChannelOptions();
        services.AddAwsHttp(builder.Configuration);
        if (channels.Email == EmailTransport.Smtp)
        {
            services.AddSingleton<INotificationChannel, SmtpEmailChannel>();
        }
        else
        {
            services.AddSesClient(sp => channels.SesUrl ?? SesClient.RegionalEndpoint(Region(sp)));
            services.AddSingleton<INotificationChannel, SesEmailChannel>();
        }

        services.AddHttpClient<SnsClient>((sp, http) => http.BaseAddress = channels.SnsUrl ?? SnsClient.RegionalEndpoint(Region(sp)))
            .AddAwsSigning(SnsClient.SigningName);
        services.AddSingleton<INotificationChannel, SnsSmsChannel>();
        services.AddHttpClient<PushServiceClient>();
        services.AddSingleton<INotificationChannel, WebPushChannel>();

        services.AddHostedService<NotifierLoop>();
        return builder;
    }

    private static string Region(IServiceProvider services) => services.GetRequiredService<IOptions<AwsHttpOptions>>().Value.Region;
}
