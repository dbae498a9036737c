using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;

namespace Verification.Lti.Launch;

/// <summary>
/// Platforms' signing keys, fetched from their JWKS URLs and cached for <see cref="LtiSettings.PlatformKeysCacheSeconds"/>.
/// A token whose <c>kid</c> the cache does not know fetches the JWKS again (the platform rotated), at most once per
/// <see cref="RefetchInterval"/> per URL and never twice at once for one URL (launches arriving together share the
/// fetch), so forged kids cannot make the service hammer a platform. A JWKS is read up to
/// <see cref="MaximumJwksBytes"/>, whatever length it announces or leaves out.
/// </summary>
internal sealed class PlatformKeys(IHttpClientFactory clients, LtiSettings settings, TimeProvider time, ILogger<PlatformKeys> logger)
{
    public const string ClientName = "lti-platform-keys";
    public const int MaximumJwksBytes = 256 * 1024;
    private static readonly TimeSpan RefetchInterval = TimeSpan.FromSeconds(5);

    private sealed record Entry(IReadOnlyList<SecurityKey> Keys, DateTimeOffset FetchedAt);

    private readonly ConcurrentDictionary<string, Entry> _cache = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task<IReadOnlyList<SecurityKey>?>>> _fetching = new(StringComparer.Ordinal);

    /// <summary>The platform's keys; with <paramref name="kid"/> unknown to the cached set, a fresh fetch first. Null when the JWKS cannot be read.</summary>
    public async Task<IReadOnlyList<SecurityKey>?> GetAsync(string jwksUrl, string? kid, CancellationToken cancellationToken)
    {
        if (_cache.TryGetValue(jwksUrl, out var cached))
        {
            var age = time.GetUtcNow() - cached.FetchedAt;
            var knowsKid = kid is null || cached.Keys.Any(k => k.KeyId == kid);
            if ((age < TimeSpan.FromSeconds(settings.PlatformKeysCacheSeconds) && knowsKid) || age < RefetchInterval)
            {
                return cached.Keys;
            }
        }

        var fetch = _fetching.GetOrAdd(jwksUrl, url => new Lazy<Task<IReadOnlyList<SecurityKey>?>>(() => RefreshAsync(url)));
        // One caller giving up does not cancel the fetch the others wait for; the client's timeout ends it.
        return await fetch.Value.WaitAsync(cancellationToken);
    }

    private async Task<IReadOnlyList<SecurityKey>?> RefreshAsync(string jwksUrl)
    {
        try
        {
            return await RefreshCacheAsync(jwksUrl);
        }
        finally
        {
            _fetching.TryRemove(jwksUrl, out _);
        }
    }

    private async Task<IReadOnlyList<SecurityKey>?> RefreshCacheAsync(string jwksUrl)
    {
        var now = time.GetUtcNow();
        _cache.TryGetValue(jwksUrl, out var cached);
        if (cached is not null && now - cached.FetchedAt < RefetchInterval)
        {
            // Fetched by a caller that finished just before this one started.
            return cached.Keys;
        }

        var keys = await FetchAsync(jwksUrl);
        if (keys is null)
        {
            return cached?.Keys;
        }

        _cache[jwksUrl] = new Entry(keys, now);
        return keys;
    }

    private async Task<IReadOnlyList<SecurityKey>?> FetchAsync(string jwksUrl)
    {
        try
        {
            using var client = clients.CreateClient(ClientName);
            using var request = new HttpRequestMessage(HttpMethod.Get, jwksUrl);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            if (!response.IsSuccessStatusCode || response.Content.Headers.ContentLength > MaximumJwksBytes)
            {
                logger.LogWarning("Platform JWKS {JwksUrl} answered {Status} ({Length} bytes announced)", jwksUrl, (int)response.StatusCode, response.Content.Headers.ContentLength);
                return null;
            }

            var body = await ReadBoundedAsync(response.Content);
            if (body is null)
            {
                logger.LogWarning("Platform JWKS {JwksUrl} is larger than {Limit} bytes", jwksUrl, MaximumJwksBytes);
                return null;
            }

            return [.. new JsonWebKeySet(body).Keys.Where(k => k.Kty == JsonWebAlgorithmsKeyTypes.RSA)];
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException or ArgumentException or System.Text.Json.JsonException)
        {
            logger.LogWarning("Platform JWKS {JwksUrl} could not be read: {Reason}", jwksUrl, ex.GetType().Name);
            return null;
        }
    }

    /// <summary>The body as text, or null once it passes the limit: a body without a length is read no further than that.</summary>
    private static async Task<string?> ReadBoundedAsync(HttpContent content)
    {
        await using var stream = await content.ReadAsStreamAsync();
        var buffer = new byte[MaximumJwksBytes + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(length))) > 0)
        {
            length += read;
        }

        return length > MaximumJwksBytes ? null : Encoding.UTF8.GetString(buffer, 0, length);
    }
}
