using Dapper;
using Mediator;
using Npgsql;

namespace Verification.Catalog.Specializations.CreateSpecialization;

public sealed class CreateSpecializationHandler(NpgsqlDataSource dataSource, TimeProvider time) : ICommandHandler<Contracts.CreateSpecialization, bool>
{
    private const string Sql = """
        WITH s AS (
            INSERT INTO catalog.specializations (id, partner_id, slug, title, created_at) VALUES (@SpecializationId, @PartnerId, @Slug, @Title, @now)
            ON CONFLICT (id) DO NOTHING RETURNING id
        ), c AS (
            INSERT INTO catalog.specialization_courses (specialization_id, position, course_id)
            SELECT s.id, o.position::integer, o.course_id FROM s, unnest(@courseIds) WITH ORDINALITY AS o(course_id, position)
        )
        INSERT INTO catalog.certificate_tracks (id, specialization_id, price_minor, currency, created_at)
        SELECT @TrackId, id, @PriceMinor, @Currency, @now FROM s
        """;

    /// <summary>True when it was added now, false when it existed.</summary>
    public async ValueTask<bool> Handle(Contracts.CreateSpecialization command, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(Sql, new
        {
            command.SpecializationId,
            command.PartnerId,
            command.Slug,
            command.Title,
            courseIds = command.CourseIds.ToArray(),
            command.TrackId,
            command.PriceMinor,
            command.Currency,
            now = time.GetUtcNow(),
        }, cancellationToken: cancellationToken)) > 0;
    }
}
