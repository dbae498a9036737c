using Mediator;

namespace Verification.Catalog.Contracts;

/// <summary>Adds a course with a paid certificate track. Idempotent on <paramref name="CourseId"/>.</summary>
public sealed record CreateCourse(
    Guid CourseId,
    Guid PartnerId,
    string Code,
    string Title,
    Guid CertificateTrackId,
    long PriceMinor,
    string Currency) : ICommand<CourseCreated>;

public sealed record CourseCreated(Guid CourseId, Guid CertificateTrackId, bool AlreadyExisted);
