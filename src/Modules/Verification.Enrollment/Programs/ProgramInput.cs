using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Verification.Enrollment.Api;

namespace Verification.Enrollment.Programs;

internal static partial class ProgramInput
{
    public static string? Slug(string? slug) =>
        slug is { Length: <= 80 } && SlugPattern().IsMatch(slug) ? null : "slug must be 2 to 80 lower-case letters, digits and single hyphens, e.g. 'data-skills-2027'.";

    public static ProblemHttpResult SlugTaken(string slug) =>
        EnrollmentProblems.Create(StatusCodes.Status409Conflict, "slug_taken", "The slug is taken.", $"'{slug}' already names another entry; choose another slug.");

    [GeneratedRegex("^[a-z0-9](?:-?[a-z0-9]){1,79}$")]
    private static partial Regex SlugPattern();
}
