using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.Tokens;
using Verification.Testing.Lti;

namespace Verification.Lti.Tests.Support;

/// <summary>
/// The LMS of the API-level tests: a <see cref="PlatformServer"/> that also logs every request, answers the ACS with
/// the faults a test asks for, and holds a second key, never published, to sign the forgeries.
/// </summary>
internal sealed class TestPlatform : IAsyncDisposable
{
    public const string ClientId = PlatformServer.ClientId;
    public const string DeploymentId = PlatformServer.DeploymentId;

    private readonly PlatformServer _server;

    /// <summary>How many ACS calls to answer 503 before accepting one: the platform being away.</summary>
    public int AcsFailuresLeft;

    /// <summary>Run once, just before the next ACS call is accepted: a fault landing while the tool waits for the answer.</summary>
    public Func<Task>? BeforeAcsAccepted;

    private TestPlatform(PlatformServer server, ConcurrentQueue<string> requests)
    {
        _server = server;
        Requests = requests;
    }

    public string Issuer { get; } = "https://lms.example.edu/" + Guid.NewGuid().ToString("N")[..8];

    public RsaSecurityKey Key => _server.Key;

    /// <summary>A key the platform never published.</summary>
    public RsaSecurityKey UnpublishedKey { get; } = new(RSA.Create(2048)) { KeyId = "platform-key-1" };

    public ConcurrentQueue<string> Requests { get; }

    public ConcurrentQueue<PlatformCall> ServiceCalls => _server.ServiceCalls;

    public Uri BaseAddress => _server.BaseAddress;

    public string JwksUrl => _server.JwksUrl;

    public string AuthorizationEndpoint => _server.AuthorizationEndpoint;

    public string TokenEndpoint => _server.TokenEndpoint;

    public static async Task<TestPlatform> StartAsync()
    {
        var requests = new ConcurrentQueue<string>();
        TestPlatform? platform = null;
        var server = await PlatformServer.StartAsync(
            "platform-key-1",
            app => app.Use(async (context, next) =>
            {
                requests.Enqueue(context.Request.Method + " " + context.Request.Path);
                await next(context);
            }),
            () => platform!.AnswerAcsAsync());
        platform = new TestPlatform(server, requests);
        return platform;
    }

    /// <summary>An id_token for <paramref name="claims"/>, signed RS256 with <paramref name="key"/> (the published key by default).</summary>
    public string Sign(IDictionary<string, object> claims, SecurityKey? key = null) => _server.Sign(claims, key);

    public string Jwks() => _server.Jwks();

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        UnpublishedKey.Rsa.Dispose();
    }

    private async Task<IResult?> AnswerAcsAsync()
    {
        if (Interlocked.Decrement(ref AcsFailuresLeft) >= 0)
        {
            return Results.StatusCode(503);
        }

        if (Interlocked.Exchange(ref BeforeAcsAccepted, null) is { } fault)
        {
            await fault();
        }

        return null;
    }
}
