using System.Text;
using System.Text.Json;
using Dapper;
using Verification.Certificates.Tests.Support;
using Verification.Testing;

namespace Verification.Certificates.Tests.Credentials;

/// <summary>The JWKS on a new database: the signing key is published at start-up, before any certificate, and signs the first one.</summary>
public sealed class JwksStartupTests(CertificatesApp app) : IClassFixture<CertificatesApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_jwks_lists_the_signing_key_from_start_up_and_the_first_credential_is_signed_with_it()
    {
        await using var connection = await app.Database.DataSource.OpenConnectionAsync(Cancel);
        var credentialsBefore = await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM certificates.credentials");
        using var client = app.CreateClient();
        var jwks = await (await client.GetAsync("/.well-known/jwks.json", Cancel)).ReadAsync<JsonElement>();
        var key = Assert.Single(jwks.GetProperty("keys").EnumerateArray());

        var world = await World.CreateAsync(app);
        var learner = await world.LearnerAsync();
        await world.PayAsync(learner);
        await world.VerifiedSessionAsync(learner);
        await world.PassAsync(learner);
        var jwt = await connection.QuerySingleAsync<string>("SELECT jwt FROM certificates.credentials");
        using var header = JsonDocument.Parse(Encoding.UTF8.GetString(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.DecodeBytes(jwt.Split('.')[0])));

        Assert.Equal(0, credentialsBefore);
        Assert.Equal("ES256", key.GetProperty("alg").GetString());
        Assert.Equal(key.GetProperty("kid").GetString(), header.RootElement.GetProperty("kid").GetString());
    }
}
