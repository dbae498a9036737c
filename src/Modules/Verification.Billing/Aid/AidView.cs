namespace Verification.Billing.Aid;

internal sealed record AidView(Guid ApplicationId, Guid LearnerId, Guid CertificateTrackId, string Reason, string IncomeBracket, string Status, string? DecisionNote, DateTimeOffset CreatedAt, DateTimeOffset? DecidedAt)
{
    public const string Columns = """
        id AS ApplicationId, learner_id AS LearnerId, certificate_track_id AS CertificateTrackId, reason AS Reason, income_bracket AS IncomeBracket,
        status AS Status, decision_note AS DecisionNote, created_at AS CreatedAt, decided_at AS DecidedAt
        """;

    public static readonly string[] Brackets = ["none", "low", "middle", "high"];
}
