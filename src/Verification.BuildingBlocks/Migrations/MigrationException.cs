namespace Verification.BuildingBlocks.Migrations;

/// <summary>A migration failed (and was rolled back) or an applied migration was edited afterwards.</summary>
public sealed class MigrationException : Exception
{
    public MigrationException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    public MigrationException()
    {
    }

    public MigrationException(string message)
        : base(message)
    {
    }
}
