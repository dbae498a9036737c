using System.Collections.Concurrent;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;

namespace Verification.Lti.Launch;

/// <summary>
/// Platforms' signing keys, fetched from their JWKS URLs and cached for <see cref="LtiSettings.PlatformKeysCacheSeconds"/>.
/// A token whose <c>kid</c> the cache does not know fetches the JWKS again (the platform rotated), at most once per
/// <see cref="RefetchInterval"/> per URL, so forged kids cannot make the service hammer a platform.
/// </summary>
internal sealed class PlatformKeys(IHttpClientFactory clients, LtiSettings settings, TimeProvider time, ILogger<PlatformKeys> logger)
{
    public const string ClientName = "lti-platform-keys";
    private const int MaximumJwksBytes = 256 * 1024;
    private static readonly TimeSpan RefetchInterval = TimeSpan.FromSeconds(5);

    private sealed record Entry(IReadOnlyList<SecurityKey> Keys, DateTimeOffset FetchedAt);

    private readonly ConcurrentDictionary<string, Entry> _cache = new(StringComparer.Ordinal);

    /// <summary>The platform's keys; with <paramref name="kid"/> unknown to the cached set, a fresh fetch first. Null when the JWKS cannot be read.</summary>
    public async Task<IReadOnlyList<SecurityKey>?> GetAsync(string jwksUrl, string? kid, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_cache.TryGetValue(jwksUrl, out var cached))
        {
            var fresh = now - cached.FetchedAt < TimeSpan.FromSeconds(settings.PlatformKeysCacheSeconds);
            var knowsKid = kid is null || cached.Keys.Any(k => k.KeyId == kid);
            if ((fresh && knowsKid) || now - cached.FetchedAt < RefetchInterval)
            {
                return cached.Keys;
            }
        }

        var keys = await FetchAsync(jwksUrl, cancellationToken);
        if (keys is null)
        {
            return cached?.Keys;
        }

        _cache[jwksUrl] = new Entry(keys, now);
        return keys;
    }

    private async Task<IReadOnlyList<SecurityKey>?> FetchAsync(string jwksUrl, CancellationToken cancellationToken)
    {
        try
        {
            using var client = clients.CreateClient(ClientName);
            using var request = new HttpRequestMessage(HttpMethod.Get, jwksUrl);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (!response.IsSuccessStatusCode || response.Content.Headers.ContentLength > MaximumJwksBytes)
            {
                logger.LogWarning("Platform JWKS {JwksUrl} answered {Status}", jwksUrl, (int)response.StatusCode);
                return null;
            }

            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (body.Length > MaximumJwksBytes)
            {
                return null;
            }

            return [.. new JsonWebKeySet(body).Keys.Where(k => k.Kty == JsonWebAlgorithmsKeyTypes.RSA)];
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or ArgumentException or System.Text.Json.JsonException)
        {
            logger.LogWarning("Platform JWKS {JwksUrl} could not be read: {Reason}", jwksUrl, ex.GetType().Name);
            return null;
        }
    }
}
