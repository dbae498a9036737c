using System.Text.Json;
using System.Text.Json.Serialization;

namespace Verification.Host.Errors;

/// <summary>
/// Reads every JSON string of a request body and refuses one that holds U+0000: PostgreSQL text cannot store it
/// (22021), and no name, email, note or key event needs it. One rule for every endpoint, before any handler runs.
/// </summary>
internal sealed class NulRefusingStringConverter : JsonConverter<string>
{
    public override bool HandleNull => false;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var value = reader.GetString();
        return value is not null && value.Contains('\0', StringComparison.Ordinal) ? throw new NulCharacterException() : value;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
