using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Npgsql;
using Verification.Enrollment.Tests.Support;

namespace Verification.Enrollment.Tests.Programs;

/// <summary>The database server stops while an invitation holds the program's contracts: no licence is left half-taken.</summary>
public sealed class DatabaseOutageTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_database_stopping_during_an_invitation_leaves_no_half_taken_licence_and_the_licence_is_still_free_after()
    {
        await using var postgres = await PrivatePostgres.StartAsync();
        await using var app = new TestApp { ExternalConnectionString = postgres.ConnectionString };
        await app.InitializeAsync();
        var program = await TestProgram.CreateAsync(app, licences: 1);
        var email = $"ines.{Guid.NewGuid():N}@example.org";

        // Another transaction holds the contracts, so the invitation stops inside its own transaction, after it began.
        // The test's own connections are unpooled: none the outage dropped is handed out again.
        var unpooled = new NpgsqlConnectionStringBuilder(postgres.ConnectionString) { Pooling = false }.ConnectionString;
        var blocker = new NpgsqlConnection(unpooled);
        await blocker.OpenAsync(Cancel);
        var hold = await blocker.BeginTransactionAsync(Cancel);
        await blocker.ExecuteAsync("SELECT 1 FROM enrollment.program_contracts WHERE program_id = @ProgramId FOR UPDATE", new { program.ProgramId }, hold);
        var invitation = program.InviteAsync("Ines Interrupted", email);
        await WaitUntilAnInvitationWaitsForTheLockAsync(unpooled);
        await postgres.StopServerAsync();
        using var interrupted = await invitation;
        await blocker.DisposeAsync();
        await postgres.StartServerAsync();

        await using var connection = new NpgsqlConnection(unpooled);
        var members = await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM enrollment.program_members WHERE program_id = @ProgramId", new { program.ProgramId });
        var mails = await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM enrollment.mail_outbox WHERE to_address = @email", new { email });
        var again = await EventuallyAsync(() => program.InviteAsync("Ines Again", email));
        using var oneTooMany = await program.InviteAsync("Someone Else", $"else.{Guid.NewGuid():N}@example.org");
        var details = await (await program.Admin.GetAsync($"/api/v1/programs/{program.ProgramId}", Cancel)).ReadAsync<JsonElement>();

        // The Host's one answer to a lost database (docs/http-errors.md, "Database unavailable"): a retry is safe.
        Assert.True(interrupted.StatusCode == HttpStatusCode.ServiceUnavailable, $"answered {(int)interrupted.StatusCode}");
        Assert.Equal("database_unavailable", (await interrupted.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("code").GetString());
        Assert.NotNull(interrupted.Headers.RetryAfter?.Delta);
        Assert.DoesNotContain("Npgsql", await interrupted.Content.ReadAsStringAsync(Cancel), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, members);
        Assert.Equal(0, mails);
        Assert.Equal(HttpStatusCode.Created, again);
        Assert.Equal(HttpStatusCode.Conflict, oneTooMany.StatusCode);
        Assert.Equal("no_licence_left", (await oneTooMany.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("code").GetString());
        Assert.Equal(1, details.GetProperty("contracts")[0].GetProperty("licencesUsed").GetInt64());
    }

    private static async Task WaitUntilAnInvitationWaitsForTheLockAsync(string connectionString)
    {
        await using var watcher = new NpgsqlConnection(connectionString);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await watcher.ExecuteScalarAsync<bool>(
            "SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%program_contracts%FOR UPDATE%')"))
        {
            Assert.True(DateTime.UtcNow < deadline, "The invitation never reached the contracts' lock.");
            await Task.Delay(50, Cancel);
        }
    }

    /// <summary>The status of the first answer that is not a 5xx: connections the outage broke are dropped as they are found.</summary>
    private static async Task<HttpStatusCode> EventuallyAsync(Func<Task<HttpResponseMessage>> send)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            using var response = await send();
            if ((int)response.StatusCode < 500 || DateTime.UtcNow > deadline)
            {
                return response.StatusCode;
            }

            await Task.Delay(200, Cancel);
        }
    }
}
