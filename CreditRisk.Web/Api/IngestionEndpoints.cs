using CreditRisk.Core.Ingestion;
using CreditRisk.Web.Authentication;

namespace CreditRisk.Web.Api;

/// <summary><c>/api/v1</c>: the bank's systems push customers, transactions and statements here.</summary>
internal static class IngestionEndpoints
{
    public static IEndpointRouteBuilder MapIngestionApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1")
            .RequireAuthorization(ApiKeyDefaults.Policy)
            .WithTags("Ingestion");

        api.MapPost("/customers", async (HttpRequest request, IngestionRequestReader reader, IngestionService ingestion, CancellationToken ct) =>
        {
            var read = await reader.ReadAsync<CustomerInput>(request, ct);
            if (read.Problem is not null)
            {
                return read.Problem;
            }

            var result = await ingestion.IngestCustomersAsync(read.Batch!, ct);
            return Respond(result, anyNew: result.Items.Any(i => i.Created));
        });

        api.MapPost("/transactions", async (HttpRequest request, IngestionRequestReader reader, IngestionService ingestion, CancellationToken ct) =>
        {
            var read = await reader.ReadAsync<TransactionInput>(request, ct);
            if (read.Problem is not null)
            {
                return read.Problem;
            }

            var result = await ingestion.IngestTransactionsAsync(read.Batch!, ct);
            return Respond(result, anyNew: result.Items.Any(i => !i.Duplicate));
        });

        api.MapPost("/statements", async (HttpRequest request, IngestionRequestReader reader, IngestionService ingestion, CancellationToken ct) =>
        {
            var read = await reader.ReadAsync<StatementInput>(request, ct);
            if (read.Problem is not null)
            {
                return read.Problem;
            }

            // Statements are replaced by customer and date; whether one existed is not worth a second look-up.
            var result = await ingestion.IngestStatementsAsync(read.Batch!, ct);
            return result.Accepted && !result.ListenersSucceeded
                ? ApiProblems.Status(
                    StatusCodes.Status503ServiceUnavailable,
                    "Stored, but risk not updated",
                    $"The {result.Items.Count} statements are stored, but the customers' risk could not be updated from them. "
                        + "Send the same batch again: each statement replaces the stored one of its customer and date.")
                : Respond(result, anyNew: false);
        });

        return app;
    }

    /// <summary>201 when something new was stored, 200 when the request only replayed or replaced known data.</summary>
    private static IResult Respond<T>(IngestionResult<T> result, bool anyNew) =>
        result.Accepted
            ? TypedResults.Json(
                new IngestionResponse<T>(result.Items.Count, result.Items),
                statusCode: anyNew ? StatusCodes.Status201Created : StatusCodes.Status200OK)
            : ApiProblems.Refused(result.Errors);
}
