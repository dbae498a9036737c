using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Verification.Testing.Lti;

/// <summary>
/// What every test LTI 1.3 platform has, written with Microsoft.IdentityModel only (none of the tool's LTI code): a
/// loopback Kestrel port, an RS256 key published at <c>/jwks</c>, and a token endpoint and an ACS that record the
/// tool's calls. A test's platform adds its own endpoints (<c>map</c>) and its own ACS answer (<c>answerAcs</c>:
/// null accepts the call).
/// </summary>
public sealed class PlatformServer : IAsyncDisposable
{
    public const string ClientId = "verification-tool-client";
    public const string DeploymentId = "deployment-1";
    public const string AccessToken = "platform-access-token";

    private readonly WebApplication _app;

    private PlatformServer(WebApplication app, Uri address, RsaSecurityKey key)
    {
        _app = app;
        BaseAddress = address;
        Key = key;
    }

    public Uri BaseAddress { get; }

    /// <summary>The key whose public half <c>/jwks</c> publishes.</summary>
    public RsaSecurityKey Key { get; }

    /// <summary>The token and ACS requests the tool made, with their bodies.</summary>
    public ConcurrentQueue<PlatformCall> ServiceCalls { get; } = new();

    public string JwksUrl => new Uri(BaseAddress, "/jwks").ToString();

    public string AuthorizationEndpoint => new Uri(BaseAddress, "/authorize").ToString();

    public string TokenEndpoint => new Uri(BaseAddress, "/token").ToString();

    public static async Task<PlatformServer> StartAsync(string keyId, Action<WebApplication> map, Func<Task<IResult?>>? answerAcs = null)
    {
        ArgumentNullException.ThrowIfNull(map);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        PlatformServer? platform = null;
        var key = new RsaSecurityKey(RSA.Create(2048)) { KeyId = keyId };
        map(app);
        app.MapGet("/jwks", () => Results.Text(platform!.Jwks(), "application/json"));
        app.MapPost("/token", async (HttpRequest request) =>
        {
            platform!.ServiceCalls.Enqueue(new PlatformCall("/token", null, request.ContentType, await new StreamReader(request.Body).ReadToEndAsync()));
            return Results.Json(new { access_token = AccessToken, token_type = "Bearer", expires_in = 3600, scope = "https://purl.imsglobal.org/spec/lti-ap/scope/control.all" });
        }).DisableAntiforgery();
        app.MapPost("/acs", async (HttpRequest request) =>
        {
            platform!.ServiceCalls.Enqueue(new PlatformCall("/acs", request.Headers.Authorization.ToString(), request.ContentType, await new StreamReader(request.Body).ReadToEndAsync()));
            return (answerAcs is null ? null : await answerAcs())
                ?? Results.Json(new { status = "flagged" }, contentType: "application/vnd.ims.lti-ap.v1.control+json");
        }).DisableAntiforgery();
        try
        {
            await app.StartAsync(TestContext.Current.CancellationToken);
        }
        catch
        {
            key.Rsa.Dispose();
            await app.DisposeAsync();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        platform = new PlatformServer(app, new Uri(address), key);
        return platform;
    }

    /// <summary>An id_token for <paramref name="claims"/>, signed RS256 with <paramref name="key"/> (the published key by default; HS256 for a symmetric one).</summary>
    public string Sign(IDictionary<string, object> claims, SecurityKey? key = null) =>
        new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Claims = claims,
            SigningCredentials = new SigningCredentials(key ?? Key, key is SymmetricSecurityKey ? SecurityAlgorithms.HmacSha256 : SecurityAlgorithms.RsaSha256),
        });

    public string Jwks()
    {
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(Key.Rsa.ExportParameters(false)) { KeyId = Key.KeyId });
        return JsonSerializer.Serialize(new { keys = new[] { new { kty = "RSA", kid = jwk.Kid, n = jwk.N, e = jwk.E, alg = "RS256", use = "sig" } } });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Key.Rsa.Dispose();
    }
}
