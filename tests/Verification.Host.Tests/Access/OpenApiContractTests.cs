using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Verification.BuildingBlocks.OpenApi;
using Verification.Host.Tests.Access.Support;

namespace Verification.Host.Tests.Access;

/// <summary>The API document is a contract: each operation says who may call it, what it answers, and what it is.</summary>
public sealed class OpenApiContractTests(AccessApp app) : IClassFixture<AccessApp>
{
    private static readonly string[] Methods = ["get", "post", "put", "delete", "patch"];

    [Fact]
    public async Task Every_operation_has_a_summary_a_security_rule_a_success_answer_and_problem_answers_for_its_refusals()
    {
        using var document = await DocumentAsync();
        var problems = new List<string>();
        var operations = 0;
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => Methods.Contains(o.Name)))
            {
                operations++;
                var name = $"{operation.Name.ToUpperInvariant()} {path.Name}";
                var op = operation.Value;
                if (!op.TryGetProperty("summary", out var summary) || string.IsNullOrWhiteSpace(summary.GetString()))
                {
                    problems.Add($"{name}: no summary");
                }

                if (!op.TryGetProperty("security", out var security))
                {
                    problems.Add($"{name}: no security rule");
                }

                var responses = op.GetProperty("responses").EnumerateObject().ToList();
                if (!responses.Any(r => r.Name.StartsWith('2') || r.Name.StartsWith('1')))
                {
                    problems.Add($"{name}: no success answer");
                }

                foreach (var refusal in responses.Where(r => r.Name.StartsWith('4') || r.Name.StartsWith('5')))
                {
                    if (!refusal.Value.TryGetProperty("content", out var content) || !content.TryGetProperty("application/problem+json", out _))
                    {
                        problems.Add($"{name}: {refusal.Name} is not problem details");
                    }
                    else if (!CodesOf(refusal.Value).Any())
                    {
                        problems.Add($"{name}: {refusal.Name} without its code values");
                    }
                }

                foreach (var (status, code) in new[] { ("400", "nul_character"), ("400", "request_malformed"), ("500", "internal_error") })
                {
                    if (!responses.Any(r => r.Name == status && CodesOf(r.Value).Contains(code)))
                    {
                        problems.Add($"{name}: {status} {code} not listed");
                    }
                }

                if (security.ValueKind == JsonValueKind.Array && security.GetArrayLength() > 0)
                {
                    foreach (var status in new[] { "401", "403" })
                    {
                        if (!responses.Any(r => r.Name == status) || !CodesOf(responses.Single(r => r.Name == status).Value).Any())
                        {
                            problems.Add($"{name}: {status} without its code values");
                        }
                    }
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        Assert.True(operations > 15, $"only {operations} operations");
    }

    [Fact]
    public async Task Declares_the_three_schemes_and_names_them_on_operations()
    {
        using var document = await DocumentAsync();
        var schemes = document.RootElement.GetProperty("components").GetProperty("securitySchemes");
        var paths = document.RootElement.GetProperty("paths");

        Assert.Equal("bearer", schemes.GetProperty("learnerToken").GetProperty("scheme").GetString());
        Assert.Equal("X-Api-Key", schemes.GetProperty("apiKey").GetProperty("name").GetString());
        Assert.Equal("cookie", schemes.GetProperty("staffCookie").GetProperty("in").GetString());
        Assert.Equal("learnerToken", SchemeOf(paths, "/api/v1/learners/{learnerId}/consent", "get"));
        Assert.Equal("apiKey", SchemeOf(paths, "/api/v1/tokens", "post"));
        Assert.Equal("staffCookie", SchemeOf(paths, "/api/v1/review-cases", "get"));
        Assert.Equal(0, paths.GetProperty("/api/v1/staff/sign-in").GetProperty("post").GetProperty("security").GetArrayLength());
        Assert.Contains("partner_mismatch", CodesOf(paths.GetProperty("/api/v1/identity/status").GetProperty("get").GetProperty("responses").GetProperty("403")));
    }

    [Fact]
    public async Task Picture_uploads_document_raw_and_multipart_bodies_and_roles_scopes_and_purposes_are_enums()
    {
        using var document = await DocumentAsync();
        var paths = document.RootElement.GetProperty("paths");
        var text = document.RootElement.GetRawText();

        foreach (var (path, method) in new[] { ("/api/v1/learners/{learnerId}/identity/frames", "post"), ("/api/v1/learners/{learnerId}/identity/id-photo", "put") })
        {
            var content = paths.GetProperty(path).GetProperty(method).GetProperty("requestBody").GetProperty("content");
            Assert.True(content.TryGetProperty("image/jpeg", out _), path);
            Assert.True(content.TryGetProperty("image/png", out _), path);
            Assert.True(content.TryGetProperty("multipart/form-data", out _), path);
        }

        Assert.Contains("\"senior_reviewer\"", text, StringComparison.Ordinal);
        Assert.Contains("\"tokens:mint\"", text, StringComparison.Ordinal);
        Assert.Matches("\"enum\":\\s*\\[\\s*\"enrollment\",\\s*\"session\"", text);
        Assert.Matches("\"enum\":\\s*\\[\\s*\"approved\",\\s*\"rejected\",\\s*\"escalated\"", text);
        Assert.Matches("\"enum\":\\s*\\[\\s*\"open\",\\s*\"escalated\",\\s*\"approved\",\\s*\"rejected\"", text);
        Assert.Matches("\"enum\":\\s*\\[\\s*\"None\",\\s*\"Low\",\\s*\"Normal\",\\s*\"High\"", text);
        Assert.Matches("\"enum\":\\s*\\[\\s*\"consent\",\\s*\"face_frames\",\\s*\"id_photo\",\\s*\"typing_samples\"", text);
    }

    [Fact]
    public async Task Lists_every_refusal_each_endpoint_declares_with_its_codes()
    {
        using var document = await DocumentAsync();
        var paths = document.RootElement.GetProperty("paths");
        var missing = new List<string>();
        var listed = 0;
        foreach (var endpoint in app.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var declared = RefusalDeclarations.Declared(endpoint.Metadata);
            var path = Regex.Replace("/" + endpoint.RoutePattern.RawText!.Trim('/'), "\\{([^}:?=]+)[^}]*\\}", "{$1}");
            if (declared.Count == 0 || path.StartsWith("/hubs/", StringComparison.Ordinal) || endpoint.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>()?.ExcludeFromDescription == true)
            {
                continue;
            }

            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [])
            {
                if (!paths.TryGetProperty(path, out var item) || !item.TryGetProperty(method.ToLowerInvariant(), out var operation))
                {
                    missing.Add($"{method} {path}: not in the document");
                    continue;
                }

                var responses = operation.GetProperty("responses");
                foreach (var (status, codes) in declared)
                {
                    var inDocument = responses.TryGetProperty(status.ToString(CultureInfo.InvariantCulture), out var response) ? CodesOf(response).ToHashSet() : [];
                    foreach (var code in codes)
                    {
                        listed++;
                        if (!inDocument.Contains(code))
                        {
                            missing.Add($"{method} {path}: {status} {code}");
                        }
                    }
                }
            }
        }

        Assert.True(missing.Count == 0, string.Join(Environment.NewLine, missing));
        Assert.True(listed > 200, $"only {listed} declared refusals");
        Assert.Contains("consent_missing", CodesOf(paths.GetProperty("/api/v1/learners/{learnerId}/identity/frames").GetProperty("post").GetProperty("responses").GetProperty("403")));
        Assert.Contains("image_truncated", CodesOf(paths.GetProperty("/api/v1/learners/{learnerId}/identity/frames").GetProperty("post").GetProperty("responses").GetProperty("422")));
        Assert.Contains("review_case_decided", CodesOf(paths.GetProperty("/api/v1/review-cases/{caseId}/decision").GetProperty("post").GetProperty("responses").GetProperty("409")));
    }

    private static string? SchemeOf(JsonElement paths, string path, string method) =>
        paths.GetProperty(path).GetProperty(method).GetProperty("security")[0].EnumerateObject().Single().Name;

    private static IEnumerable<string> CodesOf(JsonElement response)
    {
        var text = response.GetRawText();
        return Regex.Matches(text, "\"enum\":\\s*\\[([^\\]]*)\\]").SelectMany(m => m.Groups[1].Value.Split(',')).Select(v => v.Trim().Trim('"')).Where(v => v.Length > 0);
    }

    private async Task<JsonDocument> DocumentAsync()
    {
        using var client = app.Client();
        return JsonDocument.Parse(await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative), TestContext.Current.CancellationToken));
    }
}
