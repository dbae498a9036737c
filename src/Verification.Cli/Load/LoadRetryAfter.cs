using System.Net;

namespace Verification.Cli.Load;

/// <summary>
/// Sends an API call again after the wait a 429 or 503 names in its Retry-After, as a course platform should: at most
/// <see cref="MaxRetries"/> times and only for a hint up to <see cref="MaxWait"/>; every retry, and every call still
/// refused after them, is counted for the report.
/// </summary>
internal static class LoadRetryAfter
{
    public const int MaxRetries = 3;

    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(30);

    /// <param name="build">A new request each time (a request is sent once); its content may be sent again.</param>
    public static async Task<HttpResponseMessage> SendAsync(HttpClient http, Func<HttpRequestMessage> build, LoadRetries retries, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var response = await http.SendAsync(build(), cancellationToken);
            if (response.StatusCode is not (HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable))
            {
                return response;
            }

            var wait = response.Headers.RetryAfter?.Delta
                ?? (response.Headers.RetryAfter?.Date is { } date ? date - DateTimeOffset.UtcNow : null);
            if (wait is not { } delay || delay > MaxWait || attempt == MaxRetries)
            {
                retries.GaveUp();
                return response;
            }

            response.Dispose();
            retries.Retried();
            await Task.Delay(delay < TimeSpan.Zero ? TimeSpan.Zero : delay, cancellationToken);
        }
    }
}

/// <summary>Calls sent again after a Retry-After, and calls still refused after the last retry or without a usable hint.</summary>
internal sealed class LoadRetries
{
    private int _retried;
    private int _gaveUp;

    public int RetriedCount => Volatile.Read(ref _retried);

    public int GaveUpCount => Volatile.Read(ref _gaveUp);

    public void Retried() => Interlocked.Increment(ref _retried);

    public void GaveUp() => Interlocked.Increment(ref _gaveUp);

    public LoadRetryReport Report() => new(RetriedCount, GaveUpCount);
}

/// <summary>In load.json: calls retried after a 429 or 503's Retry-After, and those still refused after the retries.</summary>
internal sealed record LoadRetryReport(int Retried, int GaveUp);
