using System.Globalization;
using System.Net.Sockets;

namespace Valmetal.EndToEnd.Tests.Startup;

/// <summary>AppHost arguments for a throw-away state folder with every fixed port free (or one chosen by the test).</summary>
public static class LocalStackArguments
{
    public static readonly string[] PortSettings = ["ApiPort", "WebPort", "WebRedirectPort", "BrokerPort", "ServiceBrokerPort", "PostgresPort", "DynamoDbPort", "S3Port", "CognitoPort"];

    public static string[] For(string stateDirectory, IReadOnlyDictionary<string, int>? ports = null) =>
    [
        $"--LocalStack:StateDirectory={stateDirectory}",
        .. PortSettings.Select(setting => string.Create(CultureInfo.InvariantCulture,
            $"--LocalStack:{setting}={(ports is not null && ports.TryGetValue(setting, out var port) ? port : Valmetal.AppHost.LocalStack.LocalPorts.Free())}")),
    ];
}
