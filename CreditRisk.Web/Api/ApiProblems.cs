using CreditRisk.Core.Ingestion;

namespace CreditRisk.Web.Api;

/// <summary>RFC 9457 problem responses for the ingestion API; item errors go in an <c>errors</c> array.</summary>
internal static class ApiProblems
{
    public const string ErrorsKey = "errors";

    public static IResult BadRequest(string detail, IReadOnlyList<IngestionError>? errors = null) =>
        TypedResults.Problem(
            detail: detail,
            statusCode: StatusCodes.Status400BadRequest,
            title: "Invalid request",
            extensions: new Dictionary<string, object?> { [ErrorsKey] = errors ?? [] });

    /// <summary>A batch refused whole: every error, nothing stored.</summary>
    public static IResult Refused(IReadOnlyList<IngestionError> errors)
    {
        var items = errors.Where(e => e.Index is not null).Select(e => e.Index).Distinct().Count();
        var detail = errors.FirstOrDefault(e => e.Index is null) is { } batchError
            ? $"The batch was refused: {batchError.Message}. Nothing was stored."
            : $"{items} item{(items == 1 ? " is" : "s are")} invalid; nothing was stored.";
        return TypedResults.Problem(
            detail: detail,
            statusCode: StatusCodes.Status400BadRequest,
            title: "The batch was refused",
            extensions: new Dictionary<string, object?> { [ErrorsKey] = errors });
    }

    public static IResult Status(int status, string title, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title);
}
