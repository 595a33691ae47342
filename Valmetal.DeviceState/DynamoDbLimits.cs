namespace Valmetal.DeviceState;

/// <summary>
/// DynamoDB's request and item limits that writers plan around (numbers and nesting: <see cref="DynamoDbNumber"/>,
/// <see cref="AttributeValueLimits"/>). The numbers are DynamoDB's documented service limits.
/// </summary>
public static class DynamoDbLimits
{
    /// <summary>Longest update, condition or projection expression.</summary>
    public const int MaxExpressionBytes = 4096;

    /// <summary>Largest item, attribute names and values together.</summary>
    public const int MaxItemBytes = 400 * 1024;

    /// <summary>Whether a finite double is within DynamoDB's magnitude; a double never has more than 17 significant digits.</summary>
    public static bool IsStorable(double value) => double.IsFinite(value) && Math.Abs(value) < 1E126;
}
