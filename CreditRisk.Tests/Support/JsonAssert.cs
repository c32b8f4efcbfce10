using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace CreditRisk.Tests.Support;

/// <summary>
/// Deep equality through JSON: records compare lists, dictionaries and arrays by reference, so a round trip that
/// kept every value would still fail <c>Assert.Equal</c>. Object keys are sorted (dictionary order is not data)
/// and decimals are compared by value (1.50 equals 1.5), everything else exactly.
/// </summary>
public static class JsonAssert
{
    private static readonly JsonSerializerOptions Options = new() { Converters = { new DecimalValueConverter() } };

    public static void Equivalent<T>(T expected, T actual) =>
        Assert.Equal(Canonical(expected), Canonical(actual));

    public static string Canonical<T>(T value) =>
        Sort(JsonSerializer.SerializeToNode(value, Options))?.ToJsonString() ?? "null";

    private static JsonNode? Sort(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, Sort(p.Value)))),
        JsonArray array => new JsonArray(array.Select(Sort).ToArray()),
        _ => node?.DeepClone(),
    };

    private sealed class DecimalValueConverter : JsonConverter<decimal>
    {
        public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.GetDecimal();

        // "G29" drops trailing zeros: the scale of a decimal is formatting, not value.
        public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) =>
            writer.WriteRawValue(value.ToString("G29", CultureInfo.InvariantCulture));
    }
}
