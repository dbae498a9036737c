using Dapper;
using Mediator;
using Npgsql;
using Verification.Catalog.Contracts;

namespace Verification.Enrollment.Programs.Reports;

/// <summary>The three reports of the administrator guide's data dictionaries, for one program.</summary>
internal static class ProgramReports
{
    public static readonly string[] UsageColumns =
    [
        "Name", "Email", "External Id", "Course", "Course Id", "Course Slug", "University", "Enrollment Time", "Class Start Time",
        "Last Course Activity Time", "Overall Progress", "Completed", "Removed From Program", "Program Slug", "Program Name",
        "Enrollment Source", "Completion Time", "Course Grade", "Contract",
    ];

    public static readonly string[] MembershipColumns =
    [
        "Name", "Email", "External Id", "Program Name", "Program Slug", "Enrolled Courses", "Completed Courses", "Member State",
        "Join Date", "Invitation Date", "Last Activity Time", "Contracts",
    ];

    public static readonly string[] SpecializationColumns =
    [
        "Name", "Email", "External Id", "Specialization", "Specialization Slug", "University", "Enrollment Time",
        "Last Specialization Activity Time", "Completed Courses", "Total Courses", "Completed", "Removed From Program",
        "Program Slug", "Program Name", "Completion Time",
    ];

    private const string Enrollments = """
        SELECT m.full_name AS Name, m.email AS Email, m.external_id AS ExternalId, m.state AS State, c.name AS Contract,
               e.course_id AS CourseId, e.specialization_id AS SpecializationId, e.enrolled_at AS EnrolledAt, e.last_activity_at AS LastActivityAt,
               e.progress AS Progress, e.completed_at AS CompletedAt, e.grade AS Grade, e.source AS Source
        FROM enrollment.program_members m
        JOIN enrollment.program_contracts c ON c.id = m.contract_id
        JOIN enrollment.enrollments e ON e.learner_id = m.learner_id AND e.program_id = m.program_id
        WHERE m.program_id = @programId
        ORDER BY m.email, e.enrolled_at, e.course_id
        """;

    private const string Members = """
        SELECT m.full_name AS Name, m.email AS Email, m.external_id AS ExternalId, m.state AS State, m.joined_at AS JoinedAt, m.invited_at AS InvitedAt, c.name AS Contract,
               (SELECT count(*) FROM enrollment.enrollments e WHERE e.learner_id = m.learner_id AND e.program_id = m.program_id) AS Enrolled,
               (SELECT count(*) FROM enrollment.enrollments e WHERE e.learner_id = m.learner_id AND e.program_id = m.program_id AND e.completed_at IS NOT NULL) AS Completed,
               (SELECT max(e.last_activity_at) FROM enrollment.enrollments e WHERE e.learner_id = m.learner_id AND e.program_id = m.program_id) AS LastActivityAt
        FROM enrollment.program_members m JOIN enrollment.program_contracts c ON c.id = m.contract_id
        WHERE m.program_id = @programId
        ORDER BY m.email, m.invited_at
        """;

    public static async Task<byte[]> UsageAsync(NpgsqlConnection connection, IMediator mediator, ProgramRow program, CancellationToken cancellationToken)
    {
        var rows = (await connection.QueryAsync<EnrollmentRow>(new CommandDefinition(Enrollments, new { programId = program.ProgramId }, cancellationToken: cancellationToken))).ToList();
        var courses = (await mediator.Send(new GetCourses([.. rows.Select(r => r.CourseId).Distinct()]), cancellationToken)).ToDictionary(c => c.CourseId);
        return ReportCsv.Write(UsageColumns, rows.Select(r =>
        {
            var course = courses.GetValueOrDefault(r.CourseId);
            return (IReadOnlyList<string?>)
            [
                r.Name, r.Email, r.ExternalId, course?.Title, r.CourseId.ToString(), course?.Slug, course?.PartnerName, ReportCsv.Time(r.EnrolledAt),
                course?.StartsOn?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), ReportCsv.Time(r.LastActivityAt),
                ReportCsv.Number(r.Progress * 100), ReportCsv.YesNo(r.CompletedAt is not null), ReportCsv.YesNo(r.State == MemberState.Deleted),
                program.Slug, program.Name, r.Source == "program" ? "Program" : "Self", ReportCsv.Time(r.CompletedAt), ReportCsv.Number(r.Grade), r.Contract,
            ];
        }));
    }

    public static async Task<byte[]> MembershipAsync(NpgsqlConnection connection, ProgramRow program, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<MemberRow>(new CommandDefinition(Members, new { programId = program.ProgramId }, cancellationToken: cancellationToken));
        return ReportCsv.Write(MembershipColumns, rows.Select(r => (IReadOnlyList<string?>)
        [
            r.Name, r.Email, r.ExternalId, program.Name, program.Slug, r.Enrolled.ToString(System.Globalization.CultureInfo.InvariantCulture),
            r.Completed.ToString(System.Globalization.CultureInfo.InvariantCulture), r.State, ReportCsv.Time(r.JoinedAt), ReportCsv.Time(r.InvitedAt),
            ReportCsv.Time(r.LastActivityAt), r.Contract,
        ]));
    }

    /// <summary>One row per member and specialization of the curriculum the member is enrolled in.</summary>
    public static async Task<byte[]> SpecializationAsync(NpgsqlConnection connection, IMediator mediator, ProgramRow program, CancellationToken cancellationToken)
    {
        var rows = (await connection.QueryAsync<EnrollmentRow>(new CommandDefinition(Enrollments, new { programId = program.ProgramId }, cancellationToken: cancellationToken)))
            .Where(r => r.SpecializationId is not null).ToList();
        var output = new List<IReadOnlyList<string?>>();
        foreach (var group in rows.GroupBy(r => (r.Email, SpecializationId: r.SpecializationId!.Value)))
        {
            var specialization = await mediator.Send(new GetSpecialization(group.Key.SpecializationId), cancellationToken);
            var first = group.First();
            var total = specialization?.CourseIds.Count ?? group.Count();
            var completed = group.Count(r => r.CompletedAt is not null);
            var done = completed >= total;
            output.Add(
            [
                first.Name, first.Email, first.ExternalId, specialization?.Title, specialization?.Slug, specialization?.PartnerName,
                ReportCsv.Time(group.Min(r => r.EnrolledAt)), ReportCsv.Time(group.Max(r => r.LastActivityAt)),
                completed.ToString(System.Globalization.CultureInfo.InvariantCulture), total.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ReportCsv.YesNo(done), ReportCsv.YesNo(first.State == MemberState.Deleted), program.Slug, program.Name,
                done ? ReportCsv.Time(group.Max(r => r.CompletedAt)) : null,
            ]);
        }

        return ReportCsv.Write(SpecializationColumns, output);
    }

    private sealed class EnrollmentRow
    {
        public string Name { get; init; } = "";
        public string Email { get; init; } = "";
        public string? ExternalId { get; init; }
        public string State { get; init; } = "";
        public string Contract { get; init; } = "";
        public Guid CourseId { get; init; }
        public Guid? SpecializationId { get; init; }
        public DateTime EnrolledAt { get; init; }
        public DateTime? LastActivityAt { get; init; }
        public decimal Progress { get; init; }
        public DateTime? CompletedAt { get; init; }
        public decimal? Grade { get; init; }
        public string Source { get; init; } = "";
    }

    private sealed class MemberRow
    {
        public string Name { get; init; } = "";
        public string Email { get; init; } = "";
        public string? ExternalId { get; init; }
        public string State { get; init; } = "";
        public DateTime? JoinedAt { get; init; }
        public DateTime InvitedAt { get; init; }
        public string Contract { get; init; } = "";
        public long Enrolled { get; init; }
        public long Completed { get; init; }
        public DateTime? LastActivityAt { get; init; }
    }
}
