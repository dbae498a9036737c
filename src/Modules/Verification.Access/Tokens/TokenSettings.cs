using System.ComponentModel.DataAnnotations;

namespace Verification.Access.Tokens;

/// <summary>Section <c>Proctoring:Tokens</c>: how long each kind of learner token lives. Validated at start-up.</summary>
internal sealed class TokenSettings
{
    public const string SectionName = "Proctoring:Tokens";

    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan EnrollmentLifetime { get; set; } = TimeSpan.FromMinutes(30);

    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromMinutes(15);

    public TimeSpan LifetimeOf(TokenPurpose purpose) => purpose == TokenPurpose.Session ? SessionLifetime : EnrollmentLifetime;
}
