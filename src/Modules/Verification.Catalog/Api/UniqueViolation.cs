using Npgsql;

namespace Verification.Catalog.Api;

internal static class UniqueViolation
{
    public static bool Is(PostgresException ex, string constraint) => ex.SqlState == PostgresErrorCodes.UniqueViolation && ex.ConstraintName == constraint;
}
