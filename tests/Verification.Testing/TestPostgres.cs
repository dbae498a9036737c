using Npgsql;

namespace Verification.Testing;

/// <summary>The throwaway PostgreSQL server that <c>./test.sh</c> starts and names in <c>VERIFICATION_TEST_PG</c>.</summary>
public static class TestPostgres
{
    public const string EnvironmentVariable = "VERIFICATION_TEST_PG";

    public static string ServerConnectionString
    {
        get
        {
            var value = Environment.GetEnvironmentVariable(EnvironmentVariable);
            if (string.IsNullOrWhiteSpace(value))
            {
                throw new InvalidOperationException(
                    $"{EnvironmentVariable} is not set. Run the tests with ./test.sh, which starts a throwaway PostgreSQL cluster and sets it.");
            }

            return value;
        }
    }

    public static string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = database, Pooling = true }.ConnectionString;

    public static NpgsqlDataSource AdminDataSource() => NpgsqlDataSource.Create(ConnectionStringFor("postgres"));
}
