using Dapper;
using Mediator;
using Npgsql;
using Verification.Catalog.Contracts;

namespace Verification.Catalog.Partners.CreatePartner;

public sealed class CreatePartnerHandler(NpgsqlDataSource dataSource, TimeProvider time) : ICommandHandler<Contracts.CreatePartner, PartnerCreated>
{
    private const string Sql = """
        INSERT INTO catalog.partners (id, name, country, slug, created_at) VALUES (@PartnerId, @Name, @Country, @slug, @now)
        ON CONFLICT (id) DO NOTHING
        """;

    public async ValueTask<PartnerCreated> Handle(Contracts.CreatePartner command, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(command.Name);
        var slug = command.Slug ?? "partner-" + command.PartnerId.ToString("N");
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var inserted = await connection.ExecuteAsync(new CommandDefinition(
            Sql, new { command.PartnerId, command.Name, command.Country, slug, now = time.GetUtcNow() }, cancellationToken: cancellationToken));
        return new PartnerCreated(command.PartnerId, inserted == 0);
    }
}
