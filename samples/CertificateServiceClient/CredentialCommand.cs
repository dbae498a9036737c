using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace CertificateServiceClient;

/// <summary>
/// Gets a learner's credential (a learner token minted with the platform's <c>tokens:mint</c> key, the learner's
/// certificate list, the credential file) or reads a saved file, and verifies its VC-JWT against the service's JWKS.
/// </summary>
internal static class CredentialCommand
{
    public static async Task<int> RunAsync(Arguments options)
    {
        using var anonymous = Service.Client(options.BaseUrl(), null);
        var file = options.Optional("file") is { } path ? await File.ReadAllTextAsync(path) : await DownloadAsync(options);
        if (file is null)
        {
            Console.WriteLine("FAILED");
            return 1;
        }

        using var jwks = JsonDocument.Parse(await anonymous.GetStringAsync(new Uri(".well-known/jwks.json", UriKind.Relative)));
        using var payload = VcJwt.Verify(VcJwt.FromFile(file), jwks.RootElement, out var reason);
        Console.WriteLine($"signature: {(payload is null ? "INVALID (" + reason + ")" : reason)}");
        if (payload is null)
        {
            Console.WriteLine("FAILED");
            return 1;
        }

        var credential = payload.RootElement;
        var types = credential.GetProperty("type").EnumerateArray().Select(t => t.GetString()).ToList();
        Console.WriteLine($"credential: {credential.GetProperty("id")}");
        Console.WriteLine($"  type: {string.Join(", ", types)}");
        Console.WriteLine($"  name: {credential.GetProperty("name")}");
        Console.WriteLine($"  issuer: {credential.GetProperty("issuer").GetProperty("name")} ({credential.GetProperty("issuer").GetProperty("id")})");
        Console.WriteLine($"  valid from: {credential.GetProperty("validFrom")}");
        Console.WriteLine($"  {credential.GetProperty("description")}");
        var ok = types.Contains("OpenBadgeCredential");
        Console.WriteLine(ok ? "OK" : "FAILED: not an OpenBadgeCredential");
        return ok ? 0 : 1;
    }

    private static async Task<string?> DownloadAsync(Arguments options)
    {
        var learner = options.Required("learner");
        using var client = Service.Client(options.BaseUrl(), null);
        using (var minter = Service.Client(options.BaseUrl(), options.Required("key")))
        {
            using var minted = await minter.PostAsJsonAsync(new Uri("api/v1/tokens", UriKind.Relative), new { learnerId = learner, courseId = options.Required("course"), purpose = "enrollment" });
            if (minted.StatusCode != HttpStatusCode.OK && minted.StatusCode != HttpStatusCode.Created)
            {
                Console.WriteLine($"learner token: {(int)minted.StatusCode} {await Service.ProblemAsync(minted)}");
                return null;
            }

            using var token = JsonDocument.Parse(await minted.Content.ReadAsStringAsync());
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.RootElement.GetProperty("token").GetString());
        }

        using var list = JsonDocument.Parse(await client.GetStringAsync(new Uri($"api/v1/learners/{learner}/certificates", UriKind.Relative)));
        var code = options.Optional("code");
        var certificate = list.RootElement.EnumerateArray().FirstOrDefault(c =>
            string.Equals(c.GetProperty("status").ToString(), "issued", StringComparison.OrdinalIgnoreCase)
            && (code is null || Normalized(c.GetProperty("code").GetString() ?? "") == Normalized(code)));
        if (certificate.ValueKind != JsonValueKind.Object)
        {
            Console.WriteLine($"learner {learner} has no issued certificate{(code is null ? "" : " " + code)}");
            return null;
        }

        Console.WriteLine($"certificate: {certificate.GetProperty("code")} ({certificate.GetProperty("certificateId")})");
        return await client.GetStringAsync(new Uri($"api/v1/learners/{learner}/certificates/{certificate.GetProperty("certificateId")}/credential", UriKind.Relative));
    }

    // Codes read in any case, with or without dashes or spaces.
    private static string Normalized(string code) => code.Replace("-", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
}
