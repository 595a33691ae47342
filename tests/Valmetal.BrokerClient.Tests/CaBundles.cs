namespace Valmetal.BrokerClient.Tests;

/// <summary>The CA bundle ECS tasks point Broker:CaCertificatePath at (Debian's ca-certificates).</summary>
internal static class CaBundles
{
    public const string SystemBundlePath = "/etc/ssl/certs/ca-certificates.crt";

    /// <summary>The system bundle's text, ending with a line break so a certificate can be appended.</summary>
    public static string SystemBundleText()
    {
        Assert.True(File.Exists(SystemBundlePath), $"{SystemBundlePath} is missing: install the ca-certificates package.");
        var text = File.ReadAllText(SystemBundlePath);
        return text.EndsWith('\n') ? text : text + "\n";
    }
}
