using System.Text.Json;
using Valmetal.Cdk.Configuration;

namespace Valmetal.Cdk.Tests;

/// <summary>The VAPID public key from context is refused at synthesis unless browsers could subscribe with it.</summary>
public sealed class VapidPublicKeyFormatTests
{
    private const string ContextKey = "valmetal:prod:vapidPublicKey";

    public static TheoryData<string> CdkJsonKeys()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "cdk.json")));
        return [.. json.RootElement.GetProperty("context").EnumerateObject()
            .Where(p => p.Name.EndsWith(":vapidPublicKey", StringComparison.Ordinal)).Select(p => p.Value.GetString()!)];
    }

    [Theory]
    [MemberData(nameof(CdkJsonKeys))]
    public void The_keys_in_cdk_json_are_uncompressed_p256_points(string key)
    {
        Assert.Equal(key, VapidPublicKeyFormat.Validated(key, ContextKey));
    }

    [Fact]
    public void Every_environment_of_cdk_json_has_one()
    {
        Assert.Equal(ValmetalApp.Environments.Count, CdkJsonKeys().Count);
    }

    [Theory]
    // Padded, as base64 rather than base64url would have it.
    [InlineData("BAkgAwUt2xBiZHvoKYwR2G1wKMXK_BGaxBT2FWFrtZsVfZ3hTp7O4D3N43MjnRRxbD4O61pdelCv53_PVULIIp8=", "88 characters")]
    // base64's '+' and '/' instead of '-' and '_'.
    [InlineData("BAkgAwUt2xBiZHvoKYwR2G1wKMXK/BGaxBT2FWFrtZsVfZ3hTp7O4D3N43MjnRRxbD4O61pdelCv53+PVULIIp8", "not 87 of")]
    // The private key (43 characters) pasted instead of the public one.
    [InlineData("W2OUaEpJAsb-oqRmkH5yXm7P0AN7nvlX-oB6Cl1s2Uk", "43 characters")]
    // A valid key with its first byte changed from 0x04 to 0x05.
    [InlineData("BQkgAwUt2xBiZHvoKYwR2G1wKMXK_BGaxBT2FWFrtZsVfZ3hTp7O4D3N43MjnRRxbD4O61pdelCv53_PVULIIp8", "uncompressed")]
    // A valid key with the last character of Y changed: the point leaves the curve.
    [InlineData("BAkgAwUt2xBiZHvoKYwR2G1wKMXK_BGaxBT2FWFrtZsVfZ3hTp7O4D3N43MjnRRxbD4O61pdelCv53_PVULIIp4", "P-256")]
    public void Anything_else_is_refused_with_the_context_key_and_what_is_wrong(string key, string problem)
    {
        var error = Assert.Throws<InvalidOperationException>(() => VapidPublicKeyFormat.Validated(key, ContextKey));

        Assert.Contains(ContextKey, error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }
}
