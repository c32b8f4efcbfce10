using System.Text.Json;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace CreditRisk.Core.Messaging;

/// <summary>Which Cloud API outcomes the HTTP resilience handler retries.</summary>
internal static class GraphRetryPredicate
{
    /// <summary>
    /// Network errors, attempt timeouts, 5xx and 429 (the standard transient set), plus 4xx answers whose Graph error
    /// code is a throttle (130429, 131056). Every other refusal is final and returned at once.
    /// </summary>
    public static async ValueTask<bool> ShouldRetryAsync(Outcome<HttpResponseMessage> outcome, CancellationToken ct)
    {
        if (HttpClientResiliencePredicates.IsTransient(outcome))
        {
            return true;
        }

        if (outcome.Result is not { IsSuccessStatusCode: false } response || (int)response.StatusCode >= 500)
        {
            return false;
        }

        // Buffered and read as bytes (reading as a stream would dispose it), so the client can still read the error
        // when this response is the final one.
        await response.Content.LoadIntoBufferAsync(ct).ConfigureAwait(false);
        try
        {
            var bytes = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
            var error = JsonSerializer.Deserialize<CloudApiPayloads.ErrorResponse>(bytes, CloudApiPayloads.Json);
            return error?.Error?.Code is { } code && GraphErrorCodes.IsRetryable(code);
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
