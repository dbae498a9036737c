using System.Text.Json;

namespace Verification.Host.Errors;

/// <summary>
/// Raised while reading a JSON string that holds U+0000. A <see cref="JsonException"/>, so that minimal APIs treat it
/// as a bad body; its own type, so that the answer can say which rule was broken.
/// </summary>
internal sealed class NulCharacterException : JsonException
{
    public NulCharacterException()
        : base("A JSON string holds the NUL character (U+0000).")
    {
    }

    public NulCharacterException(string message)
        : base(message)
    {
    }

    public NulCharacterException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
