using Lib.Net.Http.WebPush;
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
        if (channels.Email == EmailTransport.Smtp)
        {
            services.AddSingleton<INotificationChannel, SmtpEmailChannel>();
        }
        else
        {
            services.AddAwsHttp(builder.Configuration);
            services.AddSesClient(sp => channels.SesUrl ?? SesEndpoint(sp));
            services.AddSingleton<INotificationChannel, SesEmailChannel>();
        }

        services.AddAwsHttp(builder.Configuration);
        services.AddHttpClient<SnsClient>((sp, http) => http.BaseAddress = channels.SnsUrl ?? SnsEndpoint(sp)).AddAwsSigning(SnsClient.SigningName);
        services.AddSingleton<INotificationChannel, SnsSmsChannel>();
        services.AddHttpClient<PushServiceClient>();
        services.AddSingleton<INotificationChannel, WebPushChannel>();

        services.AddHostedService<NotifierLoop>();
        return builder;
    }

    private static Uri SnsEndpoint(IServiceProvider services) =>
        new($"https://sns.{services.GetRequiredService<Microsoft.Extensions.Options.IOptions<AwsHttpOptions>>().Value.Region}.amazonaws.com/");

    private static Uri SesEndpoint(IServiceProvider services) =>
        new($"https://email.{services.GetRequiredService<Microsoft.Extensions.Options.IOptions<AwsHttpOptions>>().Value.Region}.amazonaws.com/");
}
