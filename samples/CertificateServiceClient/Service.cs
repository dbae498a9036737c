using System.Text.Json;

namespace CertificateServiceClient;

/// <summary>HTTP calls to the verification service.</summary>
internal static class Service
{
    public static HttpClient Client(Uri baseUrl, string? apiKey)
    {
        var client = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        }

        return client;
    }

    /// <summary>The problem's <c>code</c> (or title) of an error answer, or its raw body.</summary>
    public static async Task<string> ProblemAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        try
        {
            using var problem = JsonDocument.Parse(text);
            foreach (var name in new[] { "code", "error", "title" })
            {
                if (problem.RootElement.ValueKind == JsonValueKind.Object && problem.RootElement.TryGetProperty(name, out var value))
                {
                    return value.ToString();
                }
            }
        }
        catch (JsonException)
        {
        }

        return text;
    }
}
