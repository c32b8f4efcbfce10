using System.Text;

namespace CreditRisk.Core.Ingestion.Csv;

/// <summary>Converts the wire field names used in <see cref="IngestionError"/> to the CSV column names.</summary>
public static class CsvColumnNames
{
    /// <summary>
    /// <c>merchantCategory</c> → <c>merchant_category</c>, <c>whatsappOptIn</c> → <c>whatsapp_opt_in</c>;
    /// <see cref="IngestionError.Whole"/> becomes <see cref="CsvFieldError.WholeRow"/>.
    /// </summary>
    public static string FromWireField(string field)
    {
        if (field == IngestionError.Whole)
        {
            return CsvFieldError.WholeRow;
        }

        var name = new StringBuilder(field.Length + 4);
        foreach (var c in field)
        {
            if (char.IsUpper(c))
            {
                if (name.Length > 0)
                {
                    name.Append('_');
                }

                name.Append(char.ToLowerInvariant(c));
            }
            else
            {
                name.Append(c);
            }
        }

        return name.ToString();
    }
}
