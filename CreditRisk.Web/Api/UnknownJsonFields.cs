using System.Text.Json;
using CreditRisk.Core.Ingestion;

namespace CreditRisk.Web.Api;

/// <summary>
/// Finds the fields of an ingestion item that its type does not have. The serializer would drop them without a word,
/// and a dropped field is not harmless: a bank sending its opt-out as <c>whatsapp_opt_in</c> (the CSV column's name)
/// kept the stored opt-in, and WhatsApp alerts went on to a customer who had withdrawn consent.
/// </summary>
internal static class UnknownJsonFields
{
    /// <summary>One error per unknown field of <paramref name="item"/>, naming it and, when it is a known field spelt another way, that field.</summary>
    public static IEnumerable<IngestionError> Find<T>(int index, JsonElement item)
    {
        foreach (var field in item.EnumerateObject())
        {
            if (Known<T>.Names.Contains(field.Name))
            {
                continue;
            }

            var meant = Known<T>.Names.FirstOrDefault(k => Squeeze(k) == Squeeze(field.Name));
            yield return new IngestionError(index, field.Name, meant is null ? "is not a known field" : $"is not a known field; did you mean {meant}?");
        }
    }

    /// <summary>The field names of <typeparamref name="T"/>, read once per type rather than once per item of a batch.</summary>
    private static class Known<T>
    {
        // The reader matches names without regard to case (JsonSerializerDefaults.Web), so the check does too.
        public static readonly HashSet<string> Names = new(
            IngestionJson.Options.GetTypeInfo(typeof(T)).Properties.Select(p => p.Name), StringComparer.OrdinalIgnoreCase);
    }

    // "whatsapp_opt_in", "WhatsApp-Opt-In" and "whatsappOptIn" all read "whatsappoptin".
    private static string Squeeze(string name) =>
        string.Concat(name.Where(char.IsLetterOrDigit)).ToLowerInvariant();
}
