using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Verification.Certificates.Credentials;

/// <summary>What a certificate's credential says; nothing biometric, the learner only as a salted hash of their email.</summary>
internal sealed record CredentialFacts(
    Guid CertificateId,
    string DisplayCode,
    Guid CourseId,
    string CourseTitle,
    Guid PartnerId,
    string PartnerName,
    string LearnerEmail,
    DateTimeOffset ValidFrom,
    int StatusIndex,
    bool Specialization = false);

/// <summary>
/// An Open Badges 3.0 <c>OpenBadgeCredential</c> in the W3C VC data model 2.0: the partner's issuer profile (served by
/// this service over HTTP(S)), the achievement with its criteria, an <c>IdentityObject</c> and a
/// <c>BitstringStatusListEntry</c> for revocation.
/// </summary>
internal static class OpenBadgeCredential
{
    public const string VcContext = "https://www.w3.org/ns/credentials/v2";
    public const string ObContext = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";

    public static JsonObject Build(CredentialFacts facts, CertificateSettings settings)
    {
        var salt = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(facts.LearnerEmail.Trim().ToLowerInvariant() + salt)));
        var index = facts.StatusIndex.ToString(CultureInfo.InvariantCulture);
        return new JsonObject
        {
            ["@context"] = new JsonArray(VcContext, ObContext),
            ["id"] = $"{settings.Base}/credentials/{facts.CertificateId}",
            ["type"] = new JsonArray("VerifiableCredential", "OpenBadgeCredential"),
            ["name"] = $"Verified certificate: {facts.CourseTitle}",
            ["description"] = $"Check it at {settings.VerifyUrl(facts.DisplayCode)}",
            ["issuer"] = new JsonObject
            {
                ["id"] = settings.IssuerUrl(facts.PartnerId),
                ["type"] = new JsonArray("Profile"),
                ["name"] = facts.PartnerName,
                ["url"] = settings.Base,
            },
            ["validFrom"] = facts.ValidFrom.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["credentialSubject"] = new JsonObject
            {
                ["type"] = new JsonArray("AchievementSubject"),
                ["identifier"] = new JsonArray(new JsonObject
                {
                    ["type"] = "IdentityObject",
                    ["identityHash"] = "sha256$" + hash,
                    ["identityType"] = "emailAddress",
                    ["hashed"] = true,
                    ["salt"] = salt,
                }),
                ["achievement"] = new JsonObject
                {
                    ["id"] = $"{settings.Base}/achievements/{facts.CourseId}",
                    ["type"] = new JsonArray("Achievement"),
                    ["achievementType"] = "Certificate",
                    ["name"] = facts.CourseTitle,
                    ["description"] = $"Verified certificate for {facts.CourseTitle}, offered by {facts.PartnerName}.",
                    ["criteria"] = new JsonObject
                    {
                        ["narrative"] = facts.Specialization
                            ? "Earned a verified certificate in every course of the specialization, each with the learner's identity verified for the "
                                + "course: every proctored assessment ended Verified or was approved by a reviewer."
                            : "Completed every graded item of the course on its paid verified track, with the learner's identity verified "
                                + "for the course: every proctored assessment ended Verified or was approved by a reviewer.",
                    },
                    ["creator"] = new JsonObject
                    {
                        ["id"] = settings.IssuerUrl(facts.PartnerId),
                        ["type"] = new JsonArray("Profile"),
                        ["name"] = facts.PartnerName,
                    },
                },
            },
            ["credentialStatus"] = new JsonObject
            {
                ["id"] = $"{settings.StatusListUrl}#{index}",
                ["type"] = "BitstringStatusListEntry",
                ["statusPurpose"] = "revocation",
                ["statusListIndex"] = index,
                ["statusListCredential"] = settings.StatusListUrl,
            },
        };
    }
}
