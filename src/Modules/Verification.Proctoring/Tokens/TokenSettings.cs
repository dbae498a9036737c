namespace Verification.Proctoring.Tokens;

/// <summary>Section <c>Proctoring:Tokens</c>: how long each kind of learner token lives.</summary>
internal sealed class TokenSettings
{
    public const string SectionName = "Proctoring:Tokens";

    public TimeSpan EnrollmentLifetime { get; set; } = TimeSpan.FromMinutes(30);

    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromMinutes(15);

    public TimeSpan LifetimeOf(LearnerTokenPurpose purpose) =>
        purpose == LearnerTokenPurpose.Session ? SessionLifetime : EnrollmentLifetime;
}
