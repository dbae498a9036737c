using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;

namespace Verification.Access.Staff;

/// <summary>
/// Passwords through ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/>. An unknown email is checked against a
/// dummy hash made with the same settings, so it costs the same time as a known one.
/// </summary>
internal sealed class StaffPasswords(IPasswordHasher<StaffAccount> hasher)
{
    private static readonly StaffAccount Nobody = new();
    private readonly Lazy<string> _dummyHash = new(() => hasher.HashPassword(Nobody, NewOneTimePassword()));

    public string Hash(string password) => hasher.HashPassword(Nobody, password);

    /// <summary>Verifies against the account's hash, or the dummy hash when there is no account.</summary>
    public PasswordVerificationResult Verify(StaffAccount? account, string password) =>
        hasher.VerifyHashedPassword(account ?? Nobody, account?.PasswordHash ?? _dummyHash.Value, password);

    /// <summary>Made once at start-up, so the first unknown email is not faster than the rest.</summary>
    public void Warm() => _ = _dummyHash.Value;

    /// <summary>A one-time password a person can type: 4 groups of 4 letters and digits without look-alikes.</summary>
    public static string NewOneTimePassword()
    {
        const string alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
        var builder = new StringBuilder(19);
        for (var i = 0; i < 16; i++)
        {
            if (i > 0 && i % 4 == 0)
            {
                builder.Append('-');
            }

            builder.Append(alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)]);
        }

        return builder.ToString();
    }
}
