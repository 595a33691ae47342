using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Valmetal.DeviceContract.Messages;

/// <summary>
/// A time as the platform has always sent it to devices: UTC, seven fractional digits and a Z (the "O" format of a
/// UTC time). System.Text.Json's own format trims trailing zeros and writes +00:00: other bytes than devices in the
/// field were written against.
/// </summary>
internal sealed class UtcRoundTripConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetDateTimeOffset();

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
}
