using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using CreditRisk.Core.Ingestion;

namespace CreditRisk.Web.Api;

/// <summary>How ingestion request bodies are read: camelCase names, JSON numbers for amounts, timestamps with an offset.</summary>
internal static class IngestionJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            // docs/data-formats.md: amounts are JSON numbers; a quoted amount is a client bug worth surfacing.
            NumberHandling = JsonNumberHandling.Strict,
            Converters = { new TimestampConverter(), new ExactAmountConverter() },
        };

        // Read-only with the default resolver, so the types' fields can be listed (GetTypeInfo) before any read.
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    /// <summary>Says what a field must look like, from the type it binds to.</summary>
    public static string DescribeExpected(Type type) => (Nullable.GetUnderlyingType(type) ?? type) switch
    {
        var t when t == typeof(string) => "must be a string",
        // A number too large to read lands here as well as a string; say both, or 1e29 read as "must be a number".
        var t when t == typeof(decimal) => "must be a JSON number (not a string), of at most 28 digits",
        var t when t == typeof(int) => "must be a whole JSON number from -2147483648 to 2147483647",
        var t when t == typeof(bool) => "must be true or false",
        var t when t == typeof(DateOnly) => "must be a date string, yyyy-MM-dd",
        var t when t == typeof(DateTimeOffset) => "must be an ISO-8601 timestamp string with an offset or Z, e.g. 2026-03-01T14:22:05Z",
        _ => "has the wrong type",
    };

    /// <summary>
    /// A JSON number read as a decimal only when no digit is rounded away: the built-in reader turns
    /// 1.0000000000000000000000000000001 into 1.000, which would pass the 3-decimal rule.
    /// </summary>
    private sealed class ExactAmountConverter : JsonConverter<decimal>
    {
        public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.Number || !reader.TryGetDecimal(out var value))
            {
                throw new JsonException();
            }

            var text = Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan);
            return ExactDecimalText.Represents(text, value) ? value : throw new JsonException();
        }

        public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) =>
            writer.WriteNumberValue(value);
    }

    /// <summary>ISO-8601 with a mandatory offset (the built-in converter would read a bare time as server-local).</summary>
    private sealed class TimestampConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.String && WireFormat.TryParseTimestamp(reader.GetString(), out var value)
                ? value
                : throw new JsonException();

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value);
    }
}
