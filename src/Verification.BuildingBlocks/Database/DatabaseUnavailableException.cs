namespace Verification.BuildingBlocks.Database;

/// <summary>The configured database cannot be used; the message names the setting to change.</summary>
public sealed class DatabaseUnavailableException : Exception
{
    public DatabaseUnavailableException(string message)
        : base(message)
    {
    }

    public DatabaseUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public DatabaseUnavailableException()
    {
    }
}
