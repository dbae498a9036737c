using Dapper;
using Mediator;
using Npgsql;
using Verification.Catalog.Contracts;

namespace Verification.Catalog.Partners.CreatePartner;

public sealed class CreatePartnerHandler(NpgsqlDataSource dataSource, TimeProvider time) : ICommandHandler<Contracts.CreatePartner, PartnerCreated>
{
    private const string Sql = """
        INSERT INTO catalog.partners (id, name, created_at) VALUES (@PartnerId, @Name, @now)
        ON CONFLICT (id) DO NOTHING
        """;

    public async ValueTask<PartnerCreated> Handle(Contracts.CreatePartner command, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(command.Name);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var inserted = await connection.ExecuteAsync(new CommandDefinition(Sql, new { command.PartnerId, command.Name, now = time.GetUtcNow() }, cancellationToken: cancellationToken));
        return new PartnerCreated(command.PartnerId, inserted == 0);
    }
}
