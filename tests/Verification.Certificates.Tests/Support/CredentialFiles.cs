using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;

namespace Verification.Certificates.Tests.Support;

/// <summary>The downloaded credential file, its VC-JWT, and forgeries of it.</summary>
public static class CredentialFiles
{
    private const string Prefix = "{\"@context\":[\"https://www.w3.org/ns/credentials/v2\"],\"id\":\"data:application/vc+jwt,";

    public static async Task<byte[]> DownloadAsync(HttpClient learner, Guid learnerId, Guid certificateId)
    {
        using var response = await learner.GetAsync($"/api/v1/learners/{learnerId}/certificates/{certificateId}/credential", TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
    }

    public static string JwtOf(byte[] file)
    {
        var envelope = JsonNode.Parse(file)!;
        Assert.Equal("EnvelopedVerifiableCredential", envelope["type"]!.GetValue<string>());
        var id = envelope["id"]!.GetValue<string>();
        Assert.StartsWith("data:application/vc+jwt,", id, StringComparison.Ordinal);
        return id["data:application/vc+jwt,".Length..];
    }

    public static JsonObject PayloadOf(string jwt) => JsonNode.Parse(Base64UrlEncoder.DecodeBytes(jwt.Split('.')[1]))!.AsObject();

    public static JsonObject HeaderOf(string jwt) => JsonNode.Parse(Base64UrlEncoder.DecodeBytes(jwt.Split('.')[0]))!.AsObject();

    /// <summary>The file with its payload changed by <paramref name="change"/> and the original signature kept.</summary>
    public static byte[] WithPayload(byte[] file, Action<JsonObject> change)
    {
        var jwt = JwtOf(file);
        var parts = jwt.Split('.');
        var payload = PayloadOf(jwt);
        change(payload);
        return Envelope($"{parts[0]}.{Base64UrlEncoder.Encode(payload.ToJsonString())}.{parts[2]}");
    }

    /// <summary>The file with one character of the signature changed.</summary>
    public static byte[] WithSignatureChanged(byte[] file)
    {
        var jwt = JwtOf(file);
        var dot = jwt.LastIndexOf('.') + 1;
        return Envelope(jwt[..dot] + (jwt[dot] == 'A' ? 'B' : 'A') + jwt[(dot + 1)..]);
    }

    public static byte[] Envelope(string jwt) => Encoding.UTF8.GetBytes(Prefix + jwt + "\",\"type\":\"EnvelopedVerifiableCredential\"}\n");

    public static async Task<string> JwksAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/.well-known/jwks.json", TestContext.Current.CancellationToken)).GetRawText();
}
