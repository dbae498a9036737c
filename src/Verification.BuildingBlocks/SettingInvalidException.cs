namespace Verification.BuildingBlocks;

/// <summary>A required setting is missing or malformed; the message names the setting and what to put there.</summary>
public sealed class SettingInvalidException : Exception
{
    public SettingInvalidException(string message)
        : base(message)
    {
    }

    public SettingInvalidException()
    {
    }

    public SettingInvalidException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
