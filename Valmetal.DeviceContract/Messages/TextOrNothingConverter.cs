using System.Text.Json;
using System.Text.Json.Serialization;

namespace Valmetal.DeviceContract.Messages;

/// <summary>
/// Free text a device may leave out: a value of another type is read as none rather than refusing the whole message,
/// as the platform always has (a command's answer still counts when its detail is a number or an object).
/// </summary>
internal sealed class TextOrNothingConverter : JsonConverter<string?>
{
    public override bool HandleNull => true;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.GetString();
        }

        reader.Skip();
        return null;
    }

    public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
