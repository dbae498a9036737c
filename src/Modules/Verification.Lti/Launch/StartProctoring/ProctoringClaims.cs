using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Verification.Lti.Launch.StartProctoring;

/// <summary>What an LtiStartProctoring message must carry (LTI Proctoring Services 1.0, 4.2) and what the tool uses of it.</summary>
internal sealed record ProctoringClaims(
    string SessionData,
    string StartAssessmentUrl,
    int AttemptNumber,
    string ContextId,
    string ContextTitle,
    string? AcsUrl,
    string? GivenName,
    string? FamilyName,
    string? Name,
    string? Email)
{
    /// <summary>The claims, or null when one the specification requires is missing or malformed.</summary>
    public static ProctoringClaims? Read(JsonWebToken token, string resourceLinkId)
    {
        if (!token.TryGetPayloadValue<string>(LtiClaims.SessionData, out var sessionData) || sessionData is not { Length: > 0 and <= 4096 }
            || !token.TryGetPayloadValue<string>(LtiClaims.StartAssessmentUrl, out var startUrl)
            || !Uri.TryCreate(startUrl, UriKind.Absolute, out var start) || (start.Scheme != Uri.UriSchemeHttps && start.Scheme != Uri.UriSchemeHttp)
            || !token.TryGetPayloadValue<int>(LtiClaims.AttemptNumber, out var attempt) || attempt is < 1 or > 1000)
        {
            return null;
        }

        var (contextId, contextTitle) = token.TryGetPayloadValue<JsonElement>(LtiClaims.Context, out var context) && context.ValueKind == JsonValueKind.Object
            && context.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String && id.GetString() is { Length: > 0 and <= 255 } contextValue
            ? (contextValue, Text(context, "title") ?? Text(context, "label") ?? contextValue)
            // Without a context the resource link stands for the course: the exam is still proctored, under its own course.
            : ("resource-link:" + resourceLinkId, "Assessment " + resourceLinkId);
        string? acs = token.TryGetPayloadValue<JsonElement>(LtiClaims.Acs, out var acsClaim) && acsClaim.ValueKind == JsonValueKind.Object
            ? Text(acsClaim, "assessment_control_url")
            : null;
        return new ProctoringClaims(sessionData, startUrl, attempt, contextId, Trim(contextTitle, 200), acs,
            Claim(token, "given_name"), Claim(token, "family_name"), Claim(token, "name"), Claim(token, "email"));
    }

    public string FullName => Name ?? (string.Join(' ', new[] { GivenName, FamilyName }.Where(n => n is not null)) is { Length: > 0 } joined ? joined : "LTI learner");

    private static string? Claim(JsonWebToken token, string name) =>
        token.TryGetPayloadValue<string>(name, out var value) && !string.IsNullOrWhiteSpace(value) ? Trim(value, 200) : null;

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;

    private static string Trim(string value, int length) => value.Length <= length ? value : value[..length];
}
