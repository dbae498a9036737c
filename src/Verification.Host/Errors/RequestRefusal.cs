namespace Verification.Host.Errors;

/// <summary>What the caller is told when the framework could not read its request; null for an exception that is a bug.</summary>
internal sealed record RequestRefusal(int Status, string Code, string Title, string Detail)
{
    public static RequestRefusal? From(Exception exception)
    {
        if (exception is not BadHttpRequestException badRequest)
        {
            return null;
        }

        if (HasInner<NulCharacterException>(exception))
        {
            return new(StatusCodes.Status400BadRequest, RefusalCodes.NulCharacter, "The request holds a NUL character.",
                "Remove the U+0000 character from the JSON body; no field accepts it.");
        }

        if (HasInner<IOException>(exception))
        {
            return new(StatusCodes.Status400BadRequest, RefusalCodes.RequestIncomplete, "The request body ended early.",
                "The body ended before the length it announced. Send the whole request again.");
        }

        return badRequest.StatusCode switch
        {
            StatusCodes.Status415UnsupportedMediaType => new(badRequest.StatusCode, RefusalCodes.UnsupportedMediaType, "Unsupported content type.",
                "Send the body as application/json."),
            StatusCodes.Status413PayloadTooLarge => new(badRequest.StatusCode, RefusalCodes.RequestTooLarge, "The request is too large.",
                "Send a smaller body."),
            _ => new(badRequest.StatusCode >= 400 && badRequest.StatusCode < 500 ? badRequest.StatusCode : StatusCodes.Status400BadRequest,
                RefusalCodes.RequestMalformed, "The request is malformed.",
                "The body or a parameter could not be read: check the JSON, the field types and the required values against the API document."),
        };
    }

    private static bool HasInner<T>(Exception exception)
        where T : Exception
    {
        for (var current = exception.InnerException; current is not null; current = current.InnerException)
        {
            if (current is T)
            {
                return true;
            }
        }

        return false;
    }
}
