using System.Globalization;
using CreditRisk.Core.Ingestion;
using CreditRisk.Core.Persistence;
using CreditRisk.Web.Authentication;

namespace CreditRisk.Web.Api;

/// <summary><c>/api/v1/customers/{id}/risk</c>: the bank's systems read a customer's current risk and its history.</summary>
internal static class RiskEndpoints
{
    /// <summary>History entries returned when <c>take</c> is not given.</summary>
    public const int DefaultHistoryTake = 50;

    /// <summary>Most history entries one request may ask for.</summary>
    public const int MaxHistoryTake = 500;

    public static IEndpointRouteBuilder MapRiskApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/customers/{customerId}/risk")
            .RequireAuthorization(ApiKeyDefaults.Policy)
            .WithTags("Risk");

        api.MapGet("", async (string customerId, ICreditRiskStore store, CancellationToken ct) =>
        {
            if (await store.Customers.GetAsync(customerId, ct) is null)
            {
                return UnknownCustomer(customerId);
            }

            return await store.Assessments.GetLatestAsync(customerId, ct) is { } latest
                ? TypedResults.Ok(RiskAssessmentResponse.From(latest))
                : ApiProblems.Status(
                    StatusCodes.Status404NotFound,
                    "Not assessed yet",
                    $"Customer '{customerId}' has no risk assessment yet: one is made when their first transaction or statement is accepted.");
        });

        api.MapGet("/history", async (string customerId, string? take, ICreditRiskStore store, CancellationToken ct) =>
        {
            if (ParseTake(take) is not { } count)
            {
                var rule = $"must be a whole number from 1 to {MaxHistoryTake} (default {DefaultHistoryTake})";
                return ApiProblems.BadRequest($"take {rule}.", [new IngestionError(null, "take", rule)]);
            }

            if (await store.Customers.GetAsync(customerId, ct) is null)
            {
                return UnknownCustomer(customerId);
            }

            var history = await store.Assessments.ListHistoryAsync(customerId, count, ct);
            return TypedResults.Ok(new RiskHistoryResponse(customerId, history.Count, [.. history.Select(RiskAssessmentResponse.From)]));
        });

        return app;
    }

    private static int? ParseTake(string? take)
    {
        if (string.IsNullOrEmpty(take))
        {
            return DefaultHistoryTake;
        }

        return int.TryParse(take, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value is >= 1 and <= MaxHistoryTake
            ? value
            : null;
    }

    private static IResult UnknownCustomer(string customerId) =>
        ApiProblems.Status(StatusCodes.Status404NotFound, "Unknown customer", $"No customer has the id '{customerId}'.");
}
