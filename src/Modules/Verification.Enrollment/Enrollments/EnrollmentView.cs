using Verification.Enrollment.Contracts;

namespace Verification.Enrollment.Enrollments;

internal sealed record EnrollmentView(
    Guid EnrollmentId,
    Guid CourseId,
    Guid? SpecializationId,
    EnrollmentTrack Track,
    DateTimeOffset EnrolledAt,
    decimal Progress,
    decimal? Grade,
    DateTimeOffset? ProgressAt,
    DateTimeOffset? CompletedAt,
    bool Passed);

internal sealed class EnrollmentRow
{
    public const string Columns = """
        id AS EnrollmentId, course_id AS CourseId, specialization_id AS SpecializationId, track AS Track, enrolled_at AS EnrolledAt,
        progress AS Progress, grade AS Grade, progress_at AS ProgressAt, completed_at AS CompletedAt, coalesce(passed, false) AS Passed
        """;

    public Guid EnrollmentId { get; init; }
    public Guid CourseId { get; init; }
    public Guid? SpecializationId { get; init; }
    public string Track { get; init; } = "";
    public DateTime EnrolledAt { get; init; }
    public decimal Progress { get; init; }
    public decimal? Grade { get; init; }
    public DateTime? ProgressAt { get; init; }
    public DateTime? CompletedAt { get; init; }
    public bool Passed { get; init; }

    public EnrollmentView ToView() => new(
        EnrollmentId, CourseId, SpecializationId, Track == "verified" ? EnrollmentTrack.Verified : EnrollmentTrack.Audit,
        Utc(EnrolledAt), Progress, Grade, ProgressAt is { } p ? Utc(p) : null, CompletedAt is { } c ? Utc(c) : null, Passed);

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
