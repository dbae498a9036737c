using Dapper;
using Mediator;
using Npgsql;
using Verification.Catalog.Contracts;

namespace Verification.Catalog.Courses.CreateCourse;

public sealed class CreateCourseHandler(NpgsqlDataSource dataSource, TimeProvider time) : ICommandHandler<Contracts.CreateCourse, CourseCreated>
{
    private const string Sql = """
        WITH course AS (
            INSERT INTO catalog.courses (id, partner_id, code, title, created_at)
            VALUES (@CourseId, @PartnerId, @Code, @Title, @now)
            ON CONFLICT (id) DO NOTHING
            RETURNING id
        )
        INSERT INTO catalog.certificate_tracks (id, course_id, price_minor, currency, created_at)
        SELECT @CertificateTrackId, id, @PriceMinor, @Currency, @now FROM course
        """;

    public async ValueTask<CourseCreated> Handle(Contracts.CreateCourse command, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(command.Code);
        ArgumentException.ThrowIfNullOrWhiteSpace(command.Title);
        ArgumentOutOfRangeException.ThrowIfNegative(command.PriceMinor);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var inserted = await connection.ExecuteAsync(new CommandDefinition(
            Sql,
            new { command.CourseId, command.PartnerId, command.Code, command.Title, command.CertificateTrackId, command.PriceMinor, command.Currency, now = time.GetUtcNow() },
            cancellationToken: cancellationToken));
        return new CourseCreated(command.CourseId, command.CertificateTrackId, inserted == 0);
    }
}
