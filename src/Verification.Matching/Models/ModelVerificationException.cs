namespace Verification.Matching.Models;

/// <summary>A model file is missing or does not match the manifest.</summary>
public sealed class ModelVerificationException : Exception
{
    public ModelVerificationException(string message)
        : base(message)
    {
    }

    public ModelVerificationException()
    {
    }

    public ModelVerificationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
