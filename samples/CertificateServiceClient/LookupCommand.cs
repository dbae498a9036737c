using System.Net;
using System.Text.Json;

namespace CertificateServiceClient;

/// <summary>
/// <c>GET /api/v1/certificates/{code}</c> and <c>GET /api/v1/identity/status</c> with the platform's API key
/// (<c>X-Api-Key</c>). Fails unless the certificate is issued and the identity verified.
/// </summary>
internal static class LookupCommand
{
    public static async Task<int> RunAsync(Arguments options)
    {
        using var client = Service.Client(options.BaseUrl(), options.Required("key"));
        var code = options.Optional("code");
        var learner = options.Optional("learner");
        var course = options.Optional("course");
        if (code is null && (learner is null || course is null))
        {
            throw new MissingArgumentException("give --code, or --learner and --course");
        }

        var ok = true;
        if (code is not null)
        {
            ok &= await CertificateAsync(client, code);
        }

        if (learner is not null && course is not null)
        {
            ok &= await IdentityAsync(client, learner, course);
        }

        Console.WriteLine(ok ? "OK" : "FAILED");
        return ok ? 0 : 1;
    }

    private static async Task<bool> CertificateAsync(HttpClient client, string code)
    {
        using var response = await client.GetAsync(new Uri("api/v1/certificates/" + Uri.EscapeDataString(code), UriKind.Relative));
        if (response.StatusCode != HttpStatusCode.OK)
        {
            Console.WriteLine($"certificate {code}: {(int)response.StatusCode} {await Service.ProblemAsync(response)}");
            return false;
        }

        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var certificate = body.RootElement.GetProperty("certificate");
        var status = certificate.GetProperty("status").ToString();
        Console.WriteLine($"certificate: {certificate.GetProperty("code")}");
        Console.WriteLine($"  status: {status}");
        Console.WriteLine($"  learner: {body.RootElement.GetProperty("learnerId")} ({certificate.GetProperty("learnerName")})");
        Console.WriteLine($"  course: {certificate.GetProperty("courseTitle")} ({body.RootElement.GetProperty("courseId")})");
        Console.WriteLine($"  partner: {certificate.GetProperty("partnerName")}");
        Console.WriteLine($"  issued at: {certificate.GetProperty("issuedAt")}");
        Console.WriteLine($"  identity verified: {certificate.GetProperty("identityVerified")}");
        Console.WriteLine($"  public page: {certificate.GetProperty("verifyPath")}");
        if (body.RootElement.GetProperty("revocationReason").ValueKind == JsonValueKind.String)
        {
            Console.WriteLine($"  revocation reason: {body.RootElement.GetProperty("revocationReason")}");
        }

        return string.Equals(status, "issued", StringComparison.OrdinalIgnoreCase);
    }

    private static async Task<bool> IdentityAsync(HttpClient client, string learner, string course)
    {
        var path = $"api/v1/identity/status?learnerId={Uri.EscapeDataString(learner)}&courseId={Uri.EscapeDataString(course)}";
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        if (response.StatusCode != HttpStatusCode.OK)
        {
            Console.WriteLine($"identity status: {(int)response.StatusCode} {await Service.ProblemAsync(response)}");
            return false;
        }

        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var status = body.RootElement.GetProperty("status").ToString();
        Console.WriteLine($"identity status: {status}");
        return status == "Verified";
    }
}
