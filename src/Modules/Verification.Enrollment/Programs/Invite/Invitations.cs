using Dapper;
using Npgsql;
using Verification.Enrollment.Mail;

namespace Verification.Enrollment.Programs.Invite;

internal enum InviteOutcome
{
    Invited,
    AlreadyInvitedOrMember,
    NoLicenceLeft,
}

internal sealed record Invitee(string FullName, string Email, string? ExternalId);

/// <summary>
/// One invitation in its own transaction. The program's current contracts are locked (FOR UPDATE) before their licences
/// are counted, so invitations racing for the last licence take turns and never both take it.
/// </summary>
internal static class Invitations
{
    private const string LockContracts = """
        SELECT id AS ContractId, licence_count AS LicenceCount FROM enrollment.program_contracts
        WHERE program_id = @programId AND starts_on <= @today::date AND ends_on >= @today::date
        ORDER BY ends_on, id FOR UPDATE
        """;

    private const string Existing = """
        SELECT EXISTS (SELECT 1 FROM enrollment.program_members WHERE program_id = @programId AND lower(email) = lower(@email) AND state <> 'DELETED_MEMBER')
        """;

    private const string Used = """
        SELECT contract_id AS ContractId, count(*) AS Used FROM enrollment.program_members
        WHERE contract_id = ANY(@contractIds) AND state <> 'DELETED_MEMBER' GROUP BY contract_id
        """;

    private const string Insert = """
        INSERT INTO enrollment.program_members (id, program_id, contract_id, full_name, email, external_id, state, join_token_hash, invited_at)
        VALUES (@id, @programId, @contractId, @FullName, @Email, @ExternalId, 'INVITED', @hash, @now)
        """;

    public static async Task<(InviteOutcome Outcome, Guid? MemberId)> InviteAsync(
        NpgsqlDataSource dataSource, ProgramRow program, Invitee invitee, ProgramSettings settings, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var today = now.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var contracts = (await connection.QueryAsync<(Guid ContractId, int LicenceCount)>(new CommandDefinition(
            LockContracts, new { programId = program.ProgramId, today }, transaction, cancellationToken: cancellationToken))).ToList();
        if (await connection.ExecuteScalarAsync<bool>(new CommandDefinition(Existing, new { programId = program.ProgramId, email = invitee.Email }, transaction, cancellationToken: cancellationToken)))
        {
            return (InviteOutcome.AlreadyInvitedOrMember, null);
        }

        var used = (await connection.QueryAsync<(Guid ContractId, long Used)>(new CommandDefinition(
            Used, new { contractIds = contracts.Select(c => c.ContractId).ToArray() }, transaction, cancellationToken: cancellationToken))).ToDictionary(u => u.ContractId, u => u.Used);
        var free = contracts.FirstOrDefault(c => used.GetValueOrDefault(c.ContractId) < c.LicenceCount);
        if (free.ContractId == Guid.Empty)
        {
            return (InviteOutcome.NoLicenceLeft, null);
        }

        var id = Guid.CreateVersion7();
        var (token, hash) = JoinTokens.Create();
        await connection.ExecuteAsync(new CommandDefinition(Insert, new
        {
            id,
            programId = program.ProgramId,
            contractId = free.ContractId,
            invitee.FullName,
            invitee.Email,
            invitee.ExternalId,
            hash,
            now,
        }, transaction, cancellationToken: cancellationToken));
        await MailOutbox.EnqueueAsync(connection, transaction, ProgramMails.Invitation(invitee.Email, invitee.FullName, program.Name, program.OrganisationName, settings.JoinUrl(token)), now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (InviteOutcome.Invited, id);
    }
}
