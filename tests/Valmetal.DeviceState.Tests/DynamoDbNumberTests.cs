namespace Valmetal.DeviceState.Tests;

/// <summary>The limits are DynamoDB's own (and dynalite's, which checks them the same way).</summary>
public sealed class DynamoDbNumberTests
{
    [Theory]
    [InlineData("0")]
    [InlineData("-0")]
    [InlineData("0.0e-999")]
    [InlineData("42")]
    [InlineData("-273.15")]
    [InlineData("9223372036854775808")]
    [InlineData("12345678901234567890123456789012345678")]
    [InlineData("1234567890123456789012345678901234567800000")]
    [InlineData("0.00000000000000000000000000000000000000012345678901234567890123456789012345678")]
    [InlineData("9.9999999999999999999999999999999999999E+125")]
    [InlineData("-9.9999999999999999999999999999999999999E125")]
    [InlineData("1E-130")]
    [InlineData("-1e-130")]
    [InlineData("1000e122")]
    [InlineData("0.001e-127")]
    public void Storable_numbers_pass(string number) => Assert.Null(DynamoDbNumber.Check(number));

    [Theory]
    [InlineData("1e400", "too large")]
    [InlineData("-1e400", "too large")]
    [InlineData("1E+126", "too large")]
    [InlineData("10e125", "too large")]
    [InlineData("1e99999999999999999999999", "too large")]
    [InlineData("1e-400", "too small")]
    [InlineData("1E-131", "too small")]
    [InlineData("0.1e-130", "too small")]
    [InlineData("-1e-99999999999999999999999", "too small")]
    [InlineData("123456789012345678901234567890123456789", "significant digits")]
    [InlineData("-1.23456789012345678901234567890123456789", "significant digits")]
    [InlineData("340282366920938463463374607431768211456", "significant digits")]
    public void Unstorable_numbers_say_why(string number, string reason) =>
        Assert.Contains(reason, DynamoDbNumber.Check(number), StringComparison.Ordinal);

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData("1e")]
    [InlineData("1e+")]
    [InlineData(".")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("0x10")]
    public void Text_that_is_not_a_number_is_refused(string text) => Assert.Equal("is not a number", DynamoDbNumber.Check(text));
}
