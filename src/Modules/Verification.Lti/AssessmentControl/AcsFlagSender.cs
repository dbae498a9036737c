using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Dapper;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Verification.Lti.Contracts;
using Verification.Lti.Platforms;
using Verification.Lti.Policies;

namespace Verification.Lti.AssessmentControl;

/// <summary>
/// Sends a flagged session to the platform's ACS (LTI Proctoring Services 1.0, 5) with the action the partner's policy
/// maps its flags to (built in: <c>flag</c>). <c>terminate</c> only where the partner's policy says so explicitly: a
/// machine finding asks for a person's review. A failure throws, so the outbox retries it. The reason text is
/// <c>reason_msg</c>, as the specification's example and the platforms' parsers read it (see docs/lti.md).
/// </summary>
// Public for the Host's Mediator generator; the module's internal services come from the provider.
public sealed class AcsFlagSender(NpgsqlDataSource dataSource, IServiceProvider services, IHttpClientFactory clients, TimeProvider time, ILogger<AcsFlagSender> logger)
    : INotificationHandler<AcsFlagRequested>
{
    private sealed record Launch(Guid PlatformId, string LtiUser, string ResourceLinkId, int AttemptNumber, string AcsUrl);

    public async ValueTask Handle(AcsFlagRequested notification, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var launch = await connection.QuerySingleAsync<Launch>(new CommandDefinition("""
            SELECT platform_id AS "PlatformId", lti_user AS "LtiUser", resource_link_id AS "ResourceLinkId", attempt_number AS "AttemptNumber", acs_url AS "AcsUrl"
            FROM lti.launches WHERE id = @LaunchId
            """, new { notification.LaunchId }, cancellationToken: cancellationToken));
        var platform = await services.GetRequiredService<PlatformStore>().GetAsync(launch.PlatformId, cancellationToken) ?? throw new InvalidOperationException("The launch's platform is gone.");
        var rule = (await services.GetRequiredService<PolicyStore>().OfPartnerAsync(platform.PartnerId, cancellationToken)).RuleFor(notification.Flags);
        var accessToken = await services.GetRequiredService<AcsAccessTokens>().RequestAsync(platform, cancellationToken);
        var body = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["user"] = new Dictionary<string, string> { ["iss"] = platform.Issuer, ["sub"] = launch.LtiUser },
            ["resource_link"] = new Dictionary<string, string> { ["id"] = launch.ResourceLinkId },
            ["attempt_number"] = launch.AttemptNumber,
            ["action"] = rule.Action!,
            ["incident_time"] = notification.IncidentTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
            ["incident_severity"] = rule.Severity ?? Severity(notification.Priority),
            ["reason_code"] = rule.ReasonCode ?? (notification.Flags.Count > 0 ? notification.Flags[0] : "NeedsReview"),
            ["reason_msg"] = rule.Message ?? $"The identity check flagged this attempt ({string.Join(", ", notification.Flags)}); a reviewer decides. The learner is not judged by the machine.",
        });
        using var client = clients.CreateClient(AcsAccessTokens.ClientName);
        using var request = new HttpRequestMessage(HttpMethod.Post, launch.AcsUrl) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(LtiClaims.AcsMediaType);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(LtiClaims.AcsMediaType));
        using var response = await client.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            logger.LogWarning("ACS flag for launch {LaunchId} answered {Status}; the outbox retries it", notification.LaunchId, (int)response.StatusCode);
            response.EnsureSuccessStatusCode();
        }

        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE lti.acs_flags SET sent_at = @now, action = @Action WHERE session_id = @SessionId", new { notification.SessionId, now = time.GetUtcNow(), rule.Action }, cancellationToken: cancellationToken));
        logger.LogInformation("ACS {Action} sent for launch {LaunchId}, session {SessionId}", rule.Action, notification.LaunchId, notification.SessionId);
    }

    private static double Severity(string priority) => priority switch
    {
        "High" => 0.9,
        "Normal" => 0.5,
        _ => 0.2,
    };
}
