using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Verification.BuildingBlocks.Access;
using Verification.Host.Tests.Access.Support;

namespace Verification.Host.Tests.Access;

/// <summary>
/// Every endpoint of the application's own <see cref="EndpointDataSource"/> against every kind of caller, each with the
/// status its rule gives; and every hub method against bad tokens. An endpoint without a rule fails the first test.
/// </summary>
public sealed class AuthorizationMatrixTests(AccessApp app) : IClassFixture<AccessApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    // The 401/403 codes only the authorization layer answers with; a 403 with another code (consent_missing) is the endpoint's own.
    private static readonly string[] AuthorizationCodes = ["token_invalid", "api_key_invalid", "sign_in_required", "learner_mismatch", "scope_missing", "role_missing", "partner_mismatch"];

    [Fact]
    public void Every_endpoint_names_a_policy_or_allows_anonymous_callers_explicitly()
    {
        var unruled = Endpoints().Where(e => Rule(e) is null).Select(Describe).ToList();

        Assert.Empty(unruled);
        Assert.NotEmpty(Endpoints());
    }

    [Fact]
    public async Task Every_endpoint_answers_every_kind_of_caller_as_its_rule_says()
    {
        var a = await app.CreatePartnerAsync();
        var b = await app.CreatePartnerAsync();
        var callers = await CallersAsync(a, b);
        var failures = new List<string>();
        var cases = 0;
        using var client = app.Client();
        // Signing out ends every copy of the caller's cookie on the server, so its cases come after all the others.
        foreach (var endpoint in Endpoints().OrderBy(e => e.RoutePattern.RawText?.EndsWith("/sign-out", StringComparison.Ordinal) == true))
        {
            if (Rule(endpoint) is not { } rule)
            {
                failures.Add($"{Describe(endpoint)} has no rule");
                continue;
            }

            foreach (var method in Methods(endpoint))
            {
                foreach (var caller in callers)
                {
                    var expected = Expected(rule, caller, HasPartnerData(endpoint));
                    using var request = Request(endpoint, method, caller.OnOtherLearner ? b : a, a);
                    caller.Apply(request);
                    using var response = await client.SendAsync(request, Cancel);
                    var code = await AccessApp.CodeOfAsync(response);
                    var decided = (int)response.StatusCode is 401 or 403 && code is not null && AuthorizationCodes.Contains(code) ? $"{(int)response.StatusCode} {code}" : "allowed";
                    cases++;
                    if (decided != expected)
                    {
                        failures.Add($"{method} {Describe(endpoint)} as {caller.Name}: expected {expected}, got {decided} ({(int)response.StatusCode} {code})");
                    }
                }
            }
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"authorization matrix: {cases} endpoint x caller cases over {Endpoints().Count} endpoints and {callers.Count} callers");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.True(cases >= 300, $"only {cases} cases");
    }

    [Fact]
    public async Task Every_hub_method_refuses_bad_tokens_and_calls_before_a_session()
    {
        var a = await app.CreatePartnerAsync();
        var key = await app.CreateKeyAsync(a.PartnerId, ApiScopes.TokensMint);
        var tokens = app.Factory.Services.GetRequiredService<LearnerTokenService>();
        var enrollment = await app.TokenAsync(a, key.Key);
        var session = await app.TokenAsync(a, key.Key, "session", "quiz-1");
        var bad = new Dictionary<string, string>
        {
            ["empty"] = "",
            ["forged"] = Forge(session),
            ["expired"] = tokens.Issue(a.LearnerId, a.PartnerId, a.CourseId, LearnerTokenPurposes.Session, "quiz-1", 1, TimeSpan.FromMinutes(-1)).Token,
            ["alg none"] = Unsigned(session),
            ["enrollment purpose"] = enrollment,
            ["an API key"] = key.Key,
        };
        await using var connection = new HubConnectionBuilder().WithUrl(new Uri(app.Factory.Server.BaseAddress, "/hubs/proctoring"), options =>
        {
            options.Transports = HttpTransportType.WebSockets;
            options.SkipNegotiation = true;
            options.WebSocketFactory = async (context, token) => await app.Factory.Server.CreateWebSocketClient().ConnectAsync(context.Uri, token);
        }).Build();
        await connection.StartAsync(Cancel);

        foreach (var (name, token) in bad)
        {
            var start = await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync<object>("StartSession", token, Cancel));
            var resume = await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync<object>("ResumeSession", token, Guid.CreateVersion7(), Cancel));
            Assert.True(start.Message.Contains("token_invalid", StringComparison.Ordinal), $"{name}: {start.Message}");
            Assert.Contains("token_invalid", resume.Message, StringComparison.Ordinal);
        }

        // A genuine session token passes authentication; this learner has no consent, which the session refuses next.
        var genuine = await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync<object>("StartSession", session, Cancel));
        Assert.Contains("consent_missing", genuine.Message, StringComparison.Ordinal);
        foreach (var call in new Func<Task>[]
        {
            () => connection.InvokeAsync<object>("SendFrame", new byte[] { 1, 2, 3 }, Cancel),
            () => connection.InvokeAsync<object>("SendKeystrokes", new { events = Array.Empty<object>() }, Cancel),
            () => connection.InvokeAsync<object>("EndSession", Cancel),
        })
        {
            var refused = await Assert.ThrowsAsync<HubException>(call);
            Assert.Contains("session_not_started", refused.Message, StringComparison.Ordinal);
        }
    }

    private IReadOnlyList<RouteEndpoint> Endpoints() =>
        [.. app.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<HttpMethodMetadata>() is not null || e.RoutePattern.RawText!.StartsWith("/hubs/", StringComparison.Ordinal))];

    /// <summary>"anonymous", a policy name, or null when the endpoint has no rule.</summary>
    private static string? Rule(RouteEndpoint endpoint)
    {
        if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
        {
            return "anonymous";
        }

        // Policies of a group and of its endpoint all apply: the senior queue is in the reviewers' group and also senior-only.
        var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).OfType<string>().Distinct().ToList();
        return policies.Count == 0 ? null : string.Join('+', policies);
    }

    private static string Expected(string rule, Caller caller, bool partnerData) => rule switch
    {
        "anonymous" => "allowed",
        AccessPolicies.Learner => caller.Kind switch
        {
            CallerKind.Learner when caller.OnOtherLearner => "403 learner_mismatch",
            CallerKind.Learner => "allowed",
            _ => "401 token_invalid",
        },
        AccessPolicies.ProgramAdmin => caller.Kind switch
        {
            // Which organisation's programs a program administrator sees is the endpoint's own 404, not the policy's.
            CallerKind.Staff when caller.Role is StaffRoles.Admin or StaffRoles.ProgramAdmin => "allowed",
            CallerKind.Staff => "403 role_missing",
            CallerKind.Key when !caller.Scopes.Contains(ApiScopes.ProgramsManage) => "403 scope_missing",
            CallerKind.Key => "allowed",
            _ => "401 api_key_invalid",
        },
        _ when rule.StartsWith("partner:", StringComparison.Ordinal) => caller.Kind switch
        {
            CallerKind.Staff when caller.Role == StaffRoles.Admin => "allowed",
            CallerKind.Staff => "403 role_missing",
            CallerKind.Key when !caller.Scopes.Contains(rule["partner:".Length..]) => "403 scope_missing",
            CallerKind.Key when caller.OtherPartner && partnerData => "403 partner_mismatch",
            CallerKind.Key => "allowed",
            _ => "401 api_key_invalid",
        },
        _ => caller.Kind switch
        {
            CallerKind.Staff when rule.Split('+').All(policy => StaffPolicyAllows(policy, caller.Role!)) => "allowed",
            CallerKind.Staff => "403 role_missing",
            _ => "401 sign_in_required",
        },
    };

    private static bool StaffPolicyAllows(string policy, string role) => policy switch
    {
        AccessPolicies.Staff => role != StaffRoles.ProgramAdmin,
        AccessPolicies.AnyStaff => true,
        AccessPolicies.Reviewer => role is StaffRoles.Reviewer or StaffRoles.SeniorReviewer,
        AccessPolicies.SeniorReviewer => role == StaffRoles.SeniorReviewer,
        AccessPolicies.Admin => role == StaffRoles.Admin,
        _ => throw new InvalidOperationException("A policy the matrix does not know: " + policy),
    };

    private async Task<List<Caller>> CallersAsync(TestPartner a, TestPartner b)
    {
        var tokens = app.Factory.Services.GetRequiredService<LearnerTokenService>();
        var minter = await app.CreateKeyAsync(a.PartnerId, ApiScopes.TokensMint);
        var token = await app.TokenAsync(a, minter.Key);
        var revoked = await app.CreateKeyAsync(a.PartnerId, [.. ApiScopes.All]);
        await app.SendAsync(m => m.Send(new Verification.Access.Contracts.RevokeApiKey(revoked.KeyId, "test"), Cancel));
        var callers = new List<Caller>
        {
            new("anonymous", CallerKind.None, _ => { }),
            new("learner A on A's routes", CallerKind.Learner, Bearer(token)),
            new("learner A on B's routes", CallerKind.Learner, Bearer(token)) { OnOtherLearner = true },
            new("forged token", CallerKind.None, Bearer(Forge(token))),
            new("expired token", CallerKind.None, Bearer(tokens.Issue(a.LearnerId, a.PartnerId, a.CourseId, LearnerTokenPurposes.Enrollment, null, 1, TimeSpan.FromMinutes(-1)).Token)),
            new("alg none token", CallerKind.None, Bearer(Unsigned(token))),
            new("revoked key", CallerKind.None, Key(revoked.Key)),
        };
        foreach (var role in new[] { StaffRoles.Reviewer, StaffRoles.SeniorReviewer, StaffRoles.Admin })
        {
            var cookie = await StaffCookieAsync(role);
            callers.Add(new($"{role}", CallerKind.Staff, r => r.Headers.Add("Cookie", cookie)) { Role = role });
        }

        var programAdmin = await ProgramAdminCookieAsync(callers.Single(c => c.Role == StaffRoles.Admin));
        callers.Add(new(StaffRoles.ProgramAdmin, CallerKind.Staff, r => r.Headers.Add("Cookie", programAdmin)) { Role = StaffRoles.ProgramAdmin });

        foreach (var scope in ApiScopes.All)
        {
            var key = await app.CreateKeyAsync(a.PartnerId, scope);
            callers.Add(new($"key with {scope}", CallerKind.Key, Key(key.Key)) { Scopes = [scope] });
        }

        var foreign = await app.CreateKeyAsync(b.PartnerId, [.. ApiScopes.All]);
        callers.Add(new("key of another partner", CallerKind.Key, Key(foreign.Key)) { Scopes = [.. ApiScopes.All], OtherPartner = true });
        return callers;
    }

    /// <summary>An organisation made by the admin through the API, and its program administrator signed in.</summary>
    private async Task<string> ProgramAdminCookieAsync(Caller admin)
    {
        using var client = app.Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/programs/organisations")
        {
            Content = JsonContent.Create(new { name = "Matrix Org", slug = "matrix-" + Guid.NewGuid().ToString("N")[..8] }),
        };
        admin.Apply(request);
        using var created = await client.SendAsync(request, Cancel);
        created.EnsureSuccessStatusCode();
        var organisationId = (await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(Cancel)).GetProperty("organisationId").GetGuid();
        return await StaffCookieAsync(StaffRoles.ProgramAdmin, organisationId);
    }

    private async Task<string> StaffCookieAsync(string role, Guid? organisationId = null)
    {
        var account = organisationId is null
            ? await app.CreateStaffAsync(role)
            : (await app.SendAsync(m => m.Send(new Verification.Access.Contracts.CreateStaffMember($"{Guid.NewGuid():N}@example.org", "Program admin", role, "test", OrganisationId: organisationId), Cancel))).Created!;
        using var client = app.Client();
        using var response = await client.PostAsJsonAsync("/api/v1/staff/sign-in", new { email = account.Email, password = account.OneTimePassword, newPassword = AccessApp.StaffPassword }, Cancel);
        return response.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
    }

    private static HttpRequestMessage Request(RouteEndpoint endpoint, string method, TestPartner routeLearner, TestPartner a)
    {
        var path = endpoint.RoutePattern.RawText!;
        foreach (var parameter in endpoint.RoutePattern.Parameters)
        {
            var value = parameter.Name switch
            {
                "learnerId" => routeLearner.LearnerId.ToString(),
                "courseId" => routeLearner.CourseId.ToString(),
                "partnerId" => a.PartnerId.ToString(),
                _ when parameter.ParameterPolicies.Any(p => p.Content is "int" or "long") => "1",
                _ => Guid.CreateVersion7().ToString(),
            };
            path = System.Text.RegularExpressions.Regex.Replace(path, "\\{" + parameter.Name + "[^}]*\\}", value);
        }

        if (path.StartsWith("/hubs/", StringComparison.Ordinal) && !path.EndsWith("/negotiate", StringComparison.Ordinal))
        {
            path += "?id=none";
        }

        var request = new HttpRequestMessage(new HttpMethod(method), path.Contains("identity/status", StringComparison.Ordinal) ? $"{path}?learnerId={a.LearnerId}&courseId={a.CourseId}" : path);
        if (method is "POST" or "PUT" or "PATCH")
        {
            request.Content = new StringContent($$"""{"learnerId":"{{a.LearnerId}}","courseId":"{{a.CourseId}}","purpose":"enrollment"}""", Encoding.UTF8, "application/json");
        }

        return request;
    }

    private static bool HasPartnerData(RouteEndpoint endpoint) =>
        endpoint.RoutePattern.Parameters.Any(p => p.Name is "learnerId" or "courseId")
        || endpoint.RoutePattern.RawText!.Contains("identity/status", StringComparison.Ordinal)
        || endpoint.RoutePattern.RawText == "/api/v1/tokens";

    private static IEnumerable<string> Methods(RouteEndpoint endpoint) => endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["POST"];

    private static string Describe(RouteEndpoint endpoint) => $"{string.Join(',', Methods(endpoint))} {endpoint.RoutePattern.RawText}";

    private static Action<HttpRequestMessage> Bearer(string token) => r => r.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);

    private static Action<HttpRequestMessage> Key(string key) => r => r.Headers.Add("X-Api-Key", key);

    /// <summary>The token with its signature's first character changed.</summary>
    private static string Forge(string token)
    {
        var dot = token.LastIndexOf('.') + 1;
        return token[..dot] + (token[dot] == 'A' ? 'B' : 'A') + token[(dot + 1)..];
    }

    /// <summary>The token's payload under a header saying <c>alg: none</c>, with no signature.</summary>
    private static string Unsigned(string token) =>
        System.Buffers.Text.Base64Url.EncodeToString("""{"alg":"none","typ":"JWT"}"""u8) + "." + token.Split('.')[1] + ".";

    private enum CallerKind
    {
        None,
        Learner,
        Staff,
        Key,
    }

    private sealed record Caller(string Name, CallerKind Kind, Action<HttpRequestMessage> Apply)
    {
        public bool OnOtherLearner { get; init; }

        public bool OtherPartner { get; init; }

        public string? Role { get; init; }

        public IReadOnlyList<string> Scopes { get; init; } = [];
    }
}
