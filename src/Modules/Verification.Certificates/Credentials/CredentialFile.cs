using System.Text;

namespace Verification.Certificates.Credentials;

/// <summary>
/// The downloaded file: a VC data model 2.0 <c>EnvelopedVerifiableCredential</c> whose id is a data URL of the VC-JWT.
/// Written byte for byte the same way every time, so a verifier can tell a changed byte outside the JWT too.
/// </summary>
internal static class CredentialFile
{
    public static byte[] Write(string jwt) => Encoding.UTF8.GetBytes(
        "{\"@context\":[\"https://www.w3.org/ns/credentials/v2\"],\"id\":\"data:application/vc+jwt," + jwt + "\",\"type\":\"EnvelopedVerifiableCredential\"}\n");
}
