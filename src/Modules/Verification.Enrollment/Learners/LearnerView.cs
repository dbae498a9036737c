namespace Verification.Enrollment.Learners;

internal sealed record LearnerView(Guid LearnerId, Guid? PartnerId, string FullName, string Email, string? ExternalId);

internal sealed class LearnerRow
{
    public Guid LearnerId { get; init; }
    public Guid? PartnerId { get; init; }
    public string FullName { get; init; } = "";
    public string Email { get; init; } = "";
    public string? ExternalId { get; init; }

    public const string Columns = "id AS LearnerId, partner_id AS PartnerId, full_name AS FullName, email AS Email, external_id AS ExternalId";

    public LearnerView ToView() => new(LearnerId, PartnerId, FullName, Email, ExternalId);
}
