using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;
using Verification.Enrollment.Api;
using Verification.Enrollment.Programs.Invite;
using Verification.BuildingBlocks.OpenApi;

namespace Verification.Enrollment.Programs.InviteCsv;

internal static class InviteCsvEndpoint
{
    public sealed record CsvInvitationReport(int Invited, IReadOnlyList<CsvRowError> Errors);

    public static void MapInviteCsv(this IEndpointRouteBuilder programs) =>
        programs.MapPost("/{programId:guid}/invitations/csv", UploadAsync).WithName("InviteMembersFromCsv").Refuses(StatusCodes.Status400BadRequest, "csv_invalid").Refuses(StatusCodes.Status404NotFound, "program_not_found").Refuses(StatusCodes.Status413PayloadTooLarge, "csv_too_large").Refuses(StatusCodes.Status422UnprocessableEntity, "csv_too_many_rows")
            .WithSummary("Invite from a CSV file (body text/csv, headers Full Name,Email,External ID): good rows go in, each bad row is reported by line. Over Programs:MaxCsvBytes: 413 csv_too_large; over Programs:MaxCsvRows: 422 csv_too_many_rows.")
            .DisableAntiforgery();

    private static async Task<Results<Ok<CsvInvitationReport>, ProblemHttpResult>> UploadAsync(
        Guid programId, HttpContext http, NpgsqlDataSource dataSource, ProgramSettings settings, TimeProvider time, CancellationToken cancellationToken)
    {
        ProgramRow? program;
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        {
            program = await ProgramAccess.FindAsync(connection, Caller.Of(http.User), programId, cancellationToken);
        }

        if (program is null)
        {
            return EnrollmentProblems.NotFound("program");
        }

        var file = await ReadLimitedAsync(http.Request, settings.MaxCsvBytes, cancellationToken);
        if (file is null)
        {
            return EnrollmentProblems.Create(StatusCodes.Status413PayloadTooLarge, "csv_too_large", "The file is too large.", $"A CSV file may hold at most {settings.MaxCsvBytes} bytes; split it.");
        }

        var (rows, errors, fileError) = InvitationCsv.Parse(file, settings.MaxCsvRows);
        if (fileError is not null)
        {
            // Nothing of a refused file is invited: the rows are only read here, the invitations come after.
            return fileError.Code == InvitationCsv.TooManyRows
                ? EnrollmentProblems.Create(StatusCodes.Status422UnprocessableEntity, fileError.Code, "The file has too many rows.", fileError.Detail)
                : EnrollmentProblems.Create(StatusCodes.Status400BadRequest, fileError.Code, "The file cannot be read.", fileError.Detail);
        }

        var report = new List<CsvRowError>(errors);
        var invited = 0;
        foreach (var row in rows)
        {
            var (outcome, _) = await Invitations.InviteAsync(dataSource, program, row.Invitee, settings, time.GetUtcNow(), cancellationToken);
            switch (outcome)
            {
                case InviteOutcome.Invited:
                    invited++;
                    break;
                case InviteOutcome.AlreadyInvitedOrMember:
                    report.Add(new CsvRowError(row.Line, "already invited or a member"));
                    break;
                default:
                    report.Add(new CsvRowError(row.Line, "no licence left"));
                    break;
            }
        }

        return TypedResults.Ok(new CsvInvitationReport(invited, [.. report.OrderBy(e => e.Line)]));
    }

    private static async Task<byte[]?> ReadLimitedAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
