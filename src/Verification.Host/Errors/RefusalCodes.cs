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

    /// <summary>The database cannot be reached or takes no more connections; nothing was recorded, retry after Retry-After.</summary>
    public const string DatabaseUnavailable = "database_unavailable";

    public const string NotFound = "not_found";

    public const string MethodNotAllowed = "method_not_allowed";

    /// <summary>The code for an answer the framework gave on its own, by status; null where only the endpoint can say.</summary>
    public static string? ForStatus(int? status) => status switch
    {
        StatusCodes.Status404NotFound => NotFound,
        StatusCodes.Status405MethodNotAllowed => MethodNotAllowed,
        StatusCodes.Status413PayloadTooLarge => RequestTooLarge,
        StatusCodes.Status415UnsupportedMediaType => UnsupportedMediaType,
        _ => null,
    };

    public static string DetailFor(string code) => code switch
    {
        NotFound => "Nothing is at this address; check it against the API document at /openapi/v1.json.",
        MethodNotAllowed => "This address does not take this method; check the API document at /openapi/v1.json.",
        RequestTooLarge => "Send a smaller body.",
        UnsupportedMediaType => "Send the body with the content type the API document names, such as application/json.",
        _ => "Check the request against the API document at /openapi/v1.json.",
    };
}
