using Mediator;

namespace Verification.Catalog.Contracts;

/// <summary>The specializations (retired ones too) that include the course: a course certificate counts towards each.</summary>
public sealed record GetSpecializationsOfCourse(Guid CourseId) : IQuery<IReadOnlyList<Guid>>;
