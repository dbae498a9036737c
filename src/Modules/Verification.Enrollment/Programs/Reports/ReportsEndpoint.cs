using System.IO.Compression;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;
using Verification.Enrollment.Api;
using Verification.BuildingBlocks.OpenApi;
using Verification.BuildingBlocks.Audit;

namespace Verification.Enrollment.Programs.Reports;

internal static class ReportsEndpoint
{
    private const string CsvType = "text/csv; charset=utf-8";

    public static void MapReports(this IEndpointRouteBuilder programs)
    {
        programs.MapGet("/{programId:guid}/reports/usage.csv", (Guid programId, HttpContext http, NpgsqlDataSource db, IMediator mediator, CancellationToken ct) =>
            ReportAsync(programId, http, db, "usage.csv", (c, p) => ProgramReports.UsageAsync(c, mediator, p, ct), ct)).WithName("UsageReport").AuditsRead("program_report.usage.downloaded", "program", "programId").Refuses(StatusCodes.Status404NotFound, "program_not_found").WithSummary("One row per course enrollment.");
        programs.MapGet("/{programId:guid}/reports/membership.csv", (Guid programId, HttpContext http, NpgsqlDataSource db, CancellationToken ct) =>
            ReportAsync(programId, http, db, "membership.csv", (c, p) => ProgramReports.MembershipAsync(c, p, ct), ct)).WithName("MembershipReport").AuditsRead("program_report.membership.downloaded", "program", "programId").Refuses(StatusCodes.Status404NotFound, "program_not_found").WithSummary("One row per member or invitation.");
        programs.MapGet("/{programId:guid}/reports/specialization.csv", (Guid programId, HttpContext http, NpgsqlDataSource db, IMediator mediator, CancellationToken ct) =>
            ReportAsync(programId, http, db, "specialization.csv", (c, p) => ProgramReports.SpecializationAsync(c, mediator, p, ct), ct)).WithName("SpecializationReport").AuditsRead("program_report.specialization.downloaded", "program", "programId").Refuses(StatusCodes.Status404NotFound, "program_not_found").WithSummary("One row per member and specialization.");
        programs.MapGet("/{programId:guid}/reports/reports.zip", ZipAsync).WithName("AllReports").AuditsRead("program_report.all.downloaded", "program", "programId").Refuses(StatusCodes.Status404NotFound, "program_not_found").WithSummary("The three reports as one zip.");
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ReportAsync(
        Guid programId, HttpContext http, NpgsqlDataSource dataSource, string name, Func<NpgsqlConnection, ProgramRow, Task<byte[]>> build, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        if (await ProgramAccess.FindAsync(connection, Caller.Of(http.User), programId, cancellationToken) is not { } program)
        {
            return EnrollmentProblems.NotFound("program");
        }

        return TypedResults.File(await build(connection, program), CsvType, $"{program.Slug}-{name}");
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ZipAsync(
        Guid programId, HttpContext http, NpgsqlDataSource dataSource, IMediator mediator, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        if (await ProgramAccess.FindAsync(connection, Caller.Of(http.User), programId, cancellationToken) is not { } program)
        {
            return EnrollmentProblems.NotFound("program");
        }

        var files = new (string Name, byte[] Content)[]
        {
            ("usage.csv", await ProgramReports.UsageAsync(connection, mediator, program, cancellationToken)),
            ("membership.csv", await ProgramReports.MembershipAsync(connection, program, cancellationToken)),
            ("specialization.csv", await ProgramReports.SpecializationAsync(connection, mediator, program, cancellationToken)),
        };
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in files)
            {
                using var entry = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
                entry.Write(content);
            }
        }

        return TypedResults.File(buffer.ToArray(), "application/zip", $"{program.Slug}-reports.zip");
    }
}
