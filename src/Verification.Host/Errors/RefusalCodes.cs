namespace Verification.Host.Errors;

/// <summary>
/// Reason codes of the refusals the Host gives before a module's endpoint runs. Stable API: clients switch on them,
/// so a code is never renamed.
/// </summary>
internal static class RefusalCodes
{
    /// <summary>A JSON string, query value or route value holds U+0000, which no field accepts (PostgreSQL text cannot store it).</summary>
    public const string NulCharacter = "nul_character";

    /// <summary>The body is not the JSON the endpoint reads, or a required value is missing or of the wrong type.</summary>
    public const string RequestMalformed = "request_malformed";

    public const string UnsupportedMediaType = "unsupported_media_type";

    public const string RequestTooLarge = "request_too_large";

    /// <summary>The request body ended before the length or the multipart boundary it announced.</summary>
    public const string RequestIncomplete = "request_incomplete";

    public const string InternalError = "internal_error";
}
