using System.Text.Json;
using CreditRisk.Core.Ingestion;

namespace CreditRisk.Web.Api;

/// <summary>
/// Checks the field names of an ingestion item before it is read. The serializer would drop an unknown field, and keep
/// the last of a field given twice, without a word; neither is harmless: a bank sending its opt-out as
/// <c>whatsapp_opt_in</c> (the CSV column's name), or as <c>whatsappOptIn</c> followed by <c>WhatsappOptIn: true</c>,
/// kept the opt-in, and WhatsApp alerts went on to a customer who had withdrawn consent.
/// </summary>
internal static class JsonItemFields
{
    /// <summary>
    /// One error per field of <paramref name="item"/> that its type does not have (naming the known field it may be
    /// spelt for), that repeats an earlier one (without regard to case, as the reader matches), or whose name is not
    /// valid text (an escaped half of a surrogate pair, which the reader cannot turn into a string).
    /// </summary>
    public static List<IngestionError> Problems<T>(int index, JsonElement item)
    {
        var errors = new List<IngestionError>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var field in item.EnumerateObject())
        {
            string name;
            try
            {
                name = field.Name;
            }
            catch (InvalidOperationException)
            {
                errors.Add(new IngestionError(index, IngestionError.Whole, "has a field name that is not valid text (an unpaired \\uD800–\\uDFFF escape)"));
                continue;
            }

            if (!seen.Add(name))
            {
                errors.Add(new IngestionError(index, name, "is given more than once"));
            }
            else if (!Known<T>.Names.Contains(name))
            {
                var meant = Known<T>.Names.FirstOrDefault(k => Squeeze(k) == Squeeze(name));
                errors.Add(new IngestionError(index, name, meant is null ? "is not a known field" : $"is not a known field; did you mean {meant}?"));
            }
        }

        return errors;
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
