using Dapper;
using Mediator;
using Npgsql;
using Verification.Catalog.Contracts;

namespace Verification.Catalog.Courses.CreateCourse;

public sealed class CreateCourseHandler(NpgsqlDataSource dataSource, TimeProvider time) : ICommandHandler<Contracts.CreateCourse, CourseCreated>
{
    private const string Sql = """
        WITH course AS (
            INSERT INTO catalog.courses (id, partner_id, code, slug, title, languages, graded_items, starts_on, created_at)
            VALUES (@CourseId, @PartnerId, @Code, @slug, @Title, @languages, @GradedItems, @startsOn::date, @now)
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
        ArgumentOutOfRangeException.ThrowIfNegative(command.GradedItems);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var inserted = await connection.ExecuteAsync(new CommandDefinition(
            Sql,
            new
            {
                command.CourseId,
                command.PartnerId,
                command.Code,
                slug = command.Slug ?? command.Code.ToLowerInvariant(),
                command.Title,
                languages = (command.Languages ?? ["en"]).ToArray(),
                command.GradedItems,
                startsOn = command.StartsOn?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                command.CertificateTrackId,
                command.PriceMinor,
                command.Currency,
                now = time.GetUtcNow(),
            },
            cancellationToken: cancellationToken));
        return new CourseCreated(command.CourseId, command.CertificateTrackId, inserted == 0);
    }
}
