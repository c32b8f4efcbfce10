using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using CreditRisk.Core.Ingestion;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace CreditRisk.Web.Api;

/// <summary>
/// Reads an ingestion body (one JSON object or an array of them) by hand rather than through parameter binding,
/// so that malformed JSON, wrong shapes and wrong types each come back as problem details naming the item and field.
/// </summary>
internal sealed class IngestionRequestReader(IOptions<IngestionOptions> options)
{
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    public async Task<ReadOutcome<T>> ReadAsync<T>(HttpRequest request, CancellationToken ct)
        where T : class
    {
        if (!request.HasJsonContentType())
        {
            return Fail<T>(ApiProblems.Status(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", "Send the body as application/json."));
        }

        var limit = options.Value.MaxRequestBodyBytes;
        var body = await ReadBodyAsync(request, limit, ct);
        if (body is null)
        {
            return Fail<T>(ApiProblems.Status(
                StatusCodes.Status413PayloadTooLarge, "Request body too large", $"The request body must not exceed {limit} bytes."));
        }

        if (body.Length == 0)
        {
            return Fail<T>(ApiProblems.BadRequest("The request body is empty; send a JSON object or an array of objects."));
        }

        // Some clients (PowerShell, .NET's Encoding.UTF8) prefix a byte-order mark, which JSON parsers reject.
        var json = body.AsMemory(body.AsSpan().StartsWith(Utf8Bom) ? Utf8Bom.Length : 0);

        // The parser does not check the UTF-8 inside strings; a bad field name would throw later, reading it, as a 500.
        if (!System.Text.Unicode.Utf8.IsValid(json.Span))
        {
            return Fail<T>(ApiProblems.BadRequest("The request body is not valid UTF-8; send JSON encoded as UTF-8."));
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            return Fail<T>(ApiProblems.BadRequest(
                $"The request body is not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1})."));
        }

        using (document)
        {
            var root = document.RootElement;
            switch (root.ValueKind)
            {
                case JsonValueKind.Object:
                    return Read<T>([root]);
                case JsonValueKind.Array:
                    var count = root.GetArrayLength();
                    var max = options.Value.MaxBatchSize;
                    return count > max
                        ? Fail<T>(ApiProblems.BadRequest(
                            $"A batch holds at most {max} items; this one has {count}.",
                            [new IngestionError(null, IngestionError.Whole, $"a batch holds at most {max} items; this one has {count}")]))
                        : Read<T>([.. root.EnumerateArray()]);
                default:
                    return Fail<T>(ApiProblems.BadRequest("The request body must be a JSON object or an array of objects."));
            }
        }
    }

    private static ReadOutcome<T> Read<T>(IReadOnlyList<JsonElement> elements)
        where T : class
    {
        var items = new T?[elements.Count];
        var errors = new List<IngestionError>();
        for (var i = 0; i < elements.Count; i++)
        {
            if (elements[i].ValueKind != JsonValueKind.Object)
            {
                errors.Add(new IngestionError(i, IngestionError.Whole, "must be a JSON object"));
                continue;
            }

            var fieldProblems = JsonItemFields.Problems<T>(i, elements[i]);
            if (fieldProblems.Count > 0)
            {
                errors.AddRange(fieldProblems);
                continue;
            }

            try
            {
                items[i] = elements[i].Deserialize<T>(IngestionJson.Options);
            }
            catch (JsonException ex)
            {
                errors.Add(DescribeTypeError<T>(i, ex.Path));
            }
        }

        return new ReadOutcome<T>(new IngestionBatch<T>(items, errors), null);
    }

    private static IngestionError DescribeTypeError<T>(int index, string? path)
    {
        var name = path is not null && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path ?? IngestionError.Whole;
        var property = IngestionJson.Options.GetTypeInfo(typeof(T)).Properties
            .FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
        return property is null
            ? new IngestionError(index, name, "has the wrong type or format")
            : new IngestionError(index, property.Name, IngestionJson.DescribeExpected(property.PropertyType));
    }

    /// <summary>The body bytes, or null when they exceed <paramref name="limit"/>.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, long limit, CancellationToken ct)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        // Let the server stop reading early too; our own count below covers servers without this feature.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = limit;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }

        return buffer.ToArray();
    }

    private static ReadOutcome<T> Fail<T>(IResult problem)
        where T : class => new(null, problem);
}

/// <summary>Either a batch to ingest or the problem response that refuses the request.</summary>
internal sealed record ReadOutcome<T>(IngestionBatch<T>? Batch, IResult? Problem)
    where T : class;
