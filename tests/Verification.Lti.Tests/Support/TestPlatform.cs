using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Verification.Lti.Tests.Support;

/// <summary>
/// An LMS acting as an LTI 1.3 platform, written for the tests with Microsoft.IdentityModel only (none of the tool's
/// LTI code): it publishes its JWKS on a loopback Kestrel port and signs id_tokens with its key. A second key, never
/// published, signs the forgeries.
/// </summary>
internal sealed class TestPlatform : IAsyncDisposable
{
    public const string ClientId = "verification-tool-client";
    public const string DeploymentId = "deployment-1";

    private readonly WebApplication _app;

    public string Issuer { get; } = "https://lms.example.edu/" + Guid.NewGuid().ToString("N")[..8];

    public RsaSecurityKey Key { get; } = NewKey("platform-key-1");

    /// <summary>A key the platform never published.</summary>
    public RsaSecurityKey UnpublishedKey { get; } = NewKey("platform-key-1");

    public ConcurrentQueue<string> Requests { get; } = new();

    public sealed record Call(string Path, string? Authorization, string? ContentType, string Body);

    /// <summary>The token and ACS requests the tool made, with their bodies.</summary>
    public ConcurrentQueue<Call> ServiceCalls { get; } = new();

    /// <summary>How many ACS calls to answer 503 before accepting one: the platform being away.</summary>
    public int AcsFailuresLeft;

    /// <summary>Run once, just before the next ACS call is accepted: a fault landing while the tool waits for the answer.</summary>
    public Func<Task>? BeforeAcsAccepted;

    public Uri BaseAddress { get; }

    private TestPlatform(WebApplication app, Uri address)
    {
        _app = app;
        BaseAddress = address;
    }

    public static async Task<TestPlatform> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        TestPlatform? platform = null;
        app.Use(async (context, next) =>
        {
            platform!.Requests.Enqueue(context.Request.Method + " " + context.Request.Path);
            await next(context);
        });
        app.MapGet("/jwks", () => Results.Text(platform!.Jwks(), "application/json"));
        app.MapPost("/token", async (HttpRequest request) =>
        {
            var body = await new StreamReader(request.Body).ReadToEndAsync();
            platform!.ServiceCalls.Enqueue(new Call("/token", null, request.ContentType, body));
            return Results.Json(new { access_token = "platform-access-token", token_type = "Bearer", expires_in = 3600, scope = "https://purl.imsglobal.org/spec/lti-ap/scope/control.all" });
        });
        app.MapPost("/acs", async (HttpRequest request) =>
        {
            var body = await new StreamReader(request.Body).ReadToEndAsync();
            platform!.ServiceCalls.Enqueue(new Call("/acs", request.Headers.Authorization.ToString(), request.ContentType, body));
            if (Interlocked.Decrement(ref platform.AcsFailuresLeft) >= 0)
            {
                return Results.StatusCode(503);
            }

            if (Interlocked.Exchange(ref platform.BeforeAcsAccepted, null) is { } fault)
            {
                await fault();
            }

            return Results.Json(new { status = "flagged" }, contentType: "application/vnd.ims.lti-ap.v1.control+json");
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        platform = new TestPlatform(app, new Uri(address));
        return platform;
    }

    public string JwksUrl => new Uri(BaseAddress, "/jwks").ToString();

    public string AuthorizationEndpoint => new Uri(BaseAddress, "/authorize").ToString();

    public string TokenEndpoint => new Uri(BaseAddress, "/token").ToString();

    /// <summary>An id_token for <paramref name="claims"/>, signed RS256 with <paramref name="key"/> (the published key by default).</summary>
    public string Sign(IDictionary<string, object> claims, SecurityKey? key = null) =>
        new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Claims = claims,
            SigningCredentials = new SigningCredentials(key ?? Key, key is SymmetricSecurityKey ? SecurityAlgorithms.HmacSha256 : SecurityAlgorithms.RsaSha256),
        });

    public string Jwks()
    {
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(Key.Rsa.ExportParameters(false)) { KeyId = Key.KeyId });
        return System.Text.Json.JsonSerializer.Serialize(new { keys = new[] { new { kty = "RSA", kid = jwk.Kid, n = jwk.N, e = jwk.E, alg = "RS256", use = "sig" } } });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Key.Rsa.Dispose();
        UnpublishedKey.Rsa.Dispose();
    }

    private static RsaSecurityKey NewKey(string kid) => new(RSA.Create(2048)) { KeyId = kid };
}
