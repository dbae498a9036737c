using System.Security.Cryptography;

namespace Verification.Certificates.Codes;

/// <summary>
/// The public verification code: 12 characters from an alphabet without look-alikes (no 0/O, 1/I/L, U/V), about 58
/// bits from the system's cryptographic generator, so codes cannot be guessed or enumerated. Shown as
/// <c>XXXX-XXXX-XXXX</c>; read case-insensitively with or without the dashes or spaces.
/// </summary>
internal static class VerificationCode
{
    public const string Alphabet = "23456789ABCDEFGHJKMNPQRSTWXYZ";
    public const int Length = 12;

    public static string New() => RandomNumberGenerator.GetString(Alphabet, Length);

    /// <summary>The stored form of what a person typed or a link carried, or null when it cannot be a code.</summary>
    public static string? Normalize(string? typed)
    {
        if (typed is null || typed.Length > 32)
        {
            return null;
        }

        Span<char> code = stackalloc char[Length];
        var length = 0;
        foreach (var c in typed)
        {
            if (c is '-' or ' ')
            {
                continue;
            }

            var upper = char.ToUpperInvariant(c);
            if (length == Length || !Alphabet.Contains(upper, StringComparison.Ordinal))
            {
                return null;
            }

            code[length++] = upper;
        }

        return length == Length ? new string(code) : null;
    }

    public static string Display(string code) => $"{code[..4]}-{code[4..8]}-{code[8..]}";
}
