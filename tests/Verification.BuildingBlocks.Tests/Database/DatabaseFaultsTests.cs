using System.Net;
using System.Net.Sockets;
using Npgsql;
using Verification.BuildingBlocks.Database;
using Verification.Testing;

namespace Verification.BuildingBlocks.Tests.Database;

/// <summary>
/// What Npgsql really throws for each kind of lost or overloaded database, against the test server, and that each is
/// told from a query that is wrong (which must stay a 500: a bug, not an outage).
/// </summary>
public sealed class DatabaseFaultsTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_exhausted_pool_is_unavailable()
    {
        await using var dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(TestPostgres.ConnectionStringFor("postgres")) { MaxPoolSize = 1, Timeout = 1 }.ConnectionString);
        await using var held = await dataSource.OpenConnectionAsync(Cancel);

        var thrown = await Assert.ThrowsAnyAsync<NpgsqlException>(async () => await dataSource.OpenConnectionAsync(Cancel));

        Assert.IsType<TimeoutException>(thrown.InnerException);
        Assert.True(DatabaseFaults.IsUnavailable(thrown));
        Assert.Equal("TimeoutException", DatabaseFaults.Reason(thrown));
    }

    [Fact]
    public async Task A_refused_connection_is_unavailable()
    {
        var thrown = await Assert.ThrowsAnyAsync<NpgsqlException>(async () =>
        {
            await using var connection = new NpgsqlConnection($"Host=127.0.0.1;Port={ClosedPort()};Username=postgres;Timeout=2;Pooling=false");
            await connection.OpenAsync(Cancel);
        });

        Assert.IsType<SocketException>(thrown.InnerException);
        Assert.True(DatabaseFaults.IsUnavailable(thrown));
        Assert.Equal("socket ConnectionRefused", DatabaseFaults.Reason(thrown));
    }

    [Fact]
    public async Task A_connection_the_server_terminated_is_unavailable()
    {
        await using var admin = TestPostgres.AdminDataSource();
        await using var connection = new NpgsqlConnection(TestPostgres.ConnectionStringFor("postgres") + ";Pooling=false");
        await connection.OpenAsync(Cancel);
        await using (var kill = admin.CreateCommand($"SELECT pg_terminate_backend({connection.ProcessID})"))
        {
            await kill.ExecuteScalarAsync(Cancel);
        }

        var thrown = await Assert.ThrowsAnyAsync<NpgsqlException>(async () =>
        {
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(Cancel);
        });

        // 57P01 when the server's goodbye is read first, the ended stream otherwise: either is an outage.
        Assert.True(thrown is PostgresException { SqlState: "57P01" } || thrown.InnerException is IOException, thrown.ToString());
        Assert.True(DatabaseFaults.IsUnavailable(thrown));
    }

    [Fact]
    public async Task Too_many_connections_is_unavailable()
    {
        var role = "full_" + Guid.NewGuid().ToString("N")[..12];
        await using var admin = TestPostgres.AdminDataSource();
        await using (var create = admin.CreateCommand($"CREATE ROLE {role} LOGIN CONNECTION LIMIT 0"))
        {
            await create.ExecuteNonQueryAsync(Cancel);
        }

        try
        {
            var limited = new NpgsqlConnectionStringBuilder(TestPostgres.ConnectionStringFor("postgres")) { Username = role, Pooling = false }.ConnectionString;
            var thrown = await Assert.ThrowsAsync<PostgresException>(async () =>
            {
                await using var connection = new NpgsqlConnection(limited);
                await connection.OpenAsync(Cancel);
            });

            Assert.Equal(PostgresErrorCodes.TooManyConnections, thrown.SqlState);
            Assert.True(DatabaseFaults.IsUnavailable(thrown));
            Assert.Equal("SQLSTATE 53300", DatabaseFaults.Reason(thrown));
        }
        finally
        {
            await using var drop = admin.CreateCommand($"DROP ROLE {role}");
            await drop.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task A_command_that_outlives_its_timeout_is_unavailable()
    {
        await using var dataSource = NpgsqlDataSource.Create(TestPostgres.ConnectionStringFor("postgres") + ";Command Timeout=1");
        await using var connection = await dataSource.OpenConnectionAsync(Cancel);

        var thrown = await Assert.ThrowsAnyAsync<NpgsqlException>(async () =>
        {
            await using var command = new NpgsqlCommand("SELECT pg_sleep(5)", connection);
            await command.ExecuteScalarAsync(Cancel);
        });

        Assert.IsType<TimeoutException>(thrown.InnerException);
        Assert.True(DatabaseFaults.IsUnavailable(thrown));
    }

    [Theory]
    [InlineData("SELECT 1/0")]
    [InlineData("SELECT * FROM no_such_table")]
    [InlineData("SELEC 1")]
    [InlineData("SELECT 'x'::int")]
    public async Task A_wrong_query_is_not_an_outage(string sql)
    {
        await using var dataSource = NpgsqlDataSource.Create(TestPostgres.ConnectionStringFor("postgres"));
        await using var connection = await dataSource.OpenConnectionAsync(Cancel);

        var thrown = await Assert.ThrowsAsync<PostgresException>(async () =>
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteScalarAsync(Cancel);
        });

        Assert.False(DatabaseFaults.IsUnavailable(thrown));
        Assert.False(DatabaseFaults.IsUnavailable(new InvalidOperationException("wrapped", thrown)));
    }

    // States the server sends while it stops, crashes or starts, and a broken link, which a test cannot provoke on the
    // shared server: each as Npgsql raises it, and the near misses that are not outages.
    [Theory]
    [InlineData("57P01", true)]
    [InlineData("57P02", true)]
    [InlineData("57P03", true)]
    [InlineData("53300", true)]
    [InlineData("08006", true)]
    [InlineData("08001", true)]
    [InlineData("08P01", true)]
    [InlineData("57014", false)]
    [InlineData("40001", false)]
    [InlineData("53100", false)]
    [InlineData("23505", false)]
    public void A_server_state_is_an_outage_only_when_the_server_is_going_or_full(string sqlState, bool unavailable)
    {
        var exception = new PostgresException("test", "FATAL", "FATAL", sqlState);

        Assert.Equal(unavailable, DatabaseFaults.IsUnavailable(exception));
        Assert.Equal(unavailable, DatabaseFaults.IsUnavailable(new InvalidOperationException("wrapped", exception)));
    }

    [Fact]
    public void Exceptions_that_are_not_the_database_are_not_outages()
    {
        Assert.False(DatabaseFaults.IsUnavailable(new TimeoutException()));
        Assert.False(DatabaseFaults.IsUnavailable(new IOException()));
        Assert.False(DatabaseFaults.IsUnavailable(new InvalidOperationException()));
        Assert.False(DatabaseFaults.IsUnavailable(new NpgsqlException("no inner cause")));
        Assert.True(DatabaseFaults.IsUnavailable(new NpgsqlException("outer", new NpgsqlException("inner", new EndOfStreamException()))));
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
