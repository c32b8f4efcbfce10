using System.Net;
using System.Text.Json;

namespace CreditRisk.Tests.Api;

internal static class ApiAssertions
{
    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    /// <summary>Asserts an RFC 9457 response with <paramref name="status"/> and returns its body.</summary>
    public static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await ReadJsonAsync(response);
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        return problem;
    }

    /// <summary>The <c>errors</c> array as (index, field) pairs; a batch-level error has index null.</summary>
    public static IReadOnlyList<(int? Index, string Field)> Errors(JsonElement problem) =>
        [.. problem.GetProperty("errors").EnumerateArray().Select(e => (
            e.GetProperty("index").ValueKind == JsonValueKind.Null ? (int?)null : e.GetProperty("index").GetInt32(),
            e.GetProperty("field").GetString()!))];
}
