using Mediator;

namespace Verification.Catalog.Contracts;

/// <summary>Adds a course with a paid certificate track. Idempotent on <paramref name="CourseId"/>.</summary>
/// <param name="Slug">Public identifier; the lower-cased code when not given.</param>
public sealed record CreateCourse(
    Guid CourseId,
    Guid PartnerId,
    string Code,
    string Title,
    Guid CertificateTrackId,
    long PriceMinor,
    string Currency,
    string? Slug = null,
    IReadOnlyList<string>? Languages = null,
    int GradedItems = 1,
    DateOnly? StartsOn = null) : ICommand<CourseCreated>;

public sealed record CourseCreated(Guid CourseId, Guid CertificateTrackId, bool AlreadyExisted);
