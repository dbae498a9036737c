using System.Security.Claims;
using Dapper;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;
using Verification.BuildingBlocks.Audit;

namespace Verification.Proctoring.Reviewers.SignIn;

internal static class SignInEndpoint
{
    public const int MinimumPasswordLength = 12;

    public sealed record SignInRequest(string Email, string Password, string? NewPassword);

    public sealed record SignedIn(Guid ReviewerId, string DisplayName);

    private sealed record ReviewerRow(Guid Id, string DisplayName, string PasswordHash, bool PasswordOneTime);

    public static void MapReviewerSignIn(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/api/v1/reviewers/sign-in", SignInAsync)
            .WithTags("Review")
            .WithSummary("Signs a reviewer in with a cookie; a one-time password must be replaced by a new password of at least 12 characters.");

    private static async Task<Results<Ok<SignedIn>, ProblemHttpResult>> SignInAsync(
        SignInRequest request, HttpContext http, NpgsqlDataSource dataSource, AuditLog audit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var reviewer = await connection.QuerySingleOrDefaultAsync<ReviewerRow>(new CommandDefinition(
            """SELECT id AS "Id", display_name AS "DisplayName", password_hash AS "PasswordHash", password_one_time AS "PasswordOneTime" FROM proctoring.reviewers WHERE email = @Email""",
            new { request.Email },
            cancellationToken: cancellationToken));
        if (reviewer is null || !PasswordHasher.Verify(request.Password, reviewer.PasswordHash))
        {
            return TypedResults.Problem(statusCode: 401, title: "Sign-in failed.", detail: "The email or password is wrong.");
        }

        if (reviewer.PasswordOneTime)
        {
            if (request.NewPassword is not { Length: >= MinimumPasswordLength })
            {
                return TypedResults.Problem(
                    statusCode: 400,
                    title: "Choose your own password.",
                    detail: $"This was a one-time password: send newPassword with at least {MinimumPasswordLength} characters.",
                    extensions: new Dictionary<string, object?> { ["code"] = "password_change_required" });
            }

            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE proctoring.reviewers SET password_hash = @hash, password_one_time = false WHERE id = @Id",
                new { hash = PasswordHasher.Hash(request.NewPassword), reviewer.Id },
                cancellationToken: cancellationToken));
        }

        await audit.AppendAsync(new AuditEntry($"reviewer:{reviewer.Id}", "reviewer.signed_in", $"reviewer:{reviewer.Id}", "{}"), cancellationToken);
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, reviewer.Id.ToString()), new Claim(ClaimTypes.Name, reviewer.DisplayName), new Claim(ClaimTypes.Role, ReviewerAuth.Role)],
            ReviewerAuth.Scheme);
        await http.SignInAsync(ReviewerAuth.Scheme, new ClaimsPrincipal(identity));
        return TypedResults.Ok(new SignedIn(reviewer.Id, reviewer.DisplayName));
    }
}
