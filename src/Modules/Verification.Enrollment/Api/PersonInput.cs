using System.Globalization;
using System.Net.Mail;
using System.Text;

namespace Verification.Enrollment.Api;

/// <summary>Names and emails as the service keeps them: names NFC-normalised and trimmed, emails trimmed and checked.</summary>
internal static class PersonInput
{
    public const int MaxName = 200;
    public const int MaxEmail = 254;
    public const int MaxExternalId = 200;

    /// <summary>The NFC form of the name, or null with the reason when it cannot be a person's name.</summary>
    public static (string? Name, string? Reason) FullName(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return (null, "full name is missing");
        }

        if (!IsWellFormed(raw))
        {
            return (null, "full name is not valid text");
        }

        var name = raw.Normalize(NormalizationForm.FormC).Trim();
        if (name.Length > MaxName)
        {
            return (null, $"full name is longer than {MaxName} characters");
        }

        return name.Any(c => char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format)
            ? (null, "full name contains control characters")
            : (name, null);
    }

    public static (string? Email, string? Reason) Email(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return (null, "email is missing");
        }

        var email = raw.Trim();
        if (email.Length > MaxEmail || !MailAddress.TryCreate(email, out var parsed) || parsed.Address != email || !email.Contains('.', StringComparison.Ordinal) || email.Any(char.IsWhiteSpace))
        {
            return (null, "email is not a valid address");
        }

        return (email, null);
    }

    public static (string? ExternalId, string? Reason) ExternalId(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return (null, null);
        }

        var id = raw.Trim();
        return id.Length > MaxExternalId || id.Any(char.IsControl) ? (null, $"external id must be at most {MaxExternalId} printable characters") : (id, null);
    }

    private static bool IsWellFormed(string text)
    {
        try
        {
            _ = text.Normalize(NormalizationForm.FormC);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
