namespace Verification.Billing.Aid;

/// <summary>An aid application as the learner and the admin see it (a class: Dapper maps timestamptz to DateTimeOffset through properties).</summary>
internal sealed class AidView
{
    public const string Columns = """
        id AS ApplicationId, learner_id AS LearnerId, certificate_track_id AS CertificateTrackId, reason AS Reason, income_bracket AS IncomeBracket,
        status AS Status, decision_note AS DecisionNote, created_at AS CreatedAt, decided_at AS DecidedAt
        """;

    public static readonly string[] Brackets = ["none", "low", "middle", "high"];

    public Guid ApplicationId { get; init; }
    public Guid LearnerId { get; init; }
    public Guid CertificateTrackId { get; init; }
    public string Reason { get; init; } = "";
    public string IncomeBracket { get; init; } = "";
    public string Status { get; init; } = "";
    public string? DecisionNote { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? DecidedAt { get; init; }
}
