using System.Security.Cryptography;
using System.Text;
using Verification.Lti.Platforms;

namespace Verification.Lti.Launch.StartProctoring;

/// <summary>
/// The id a platform's user or context first gets (a version-8 GUID named by the platform and the LTI key): a launch
/// retried after the tool stopped between making the learner or course and recording the mapping makes the same id
/// again, which the other module's idempotent insert finds, instead of a second row that collides with the first.
/// </summary>
internal static class MappedIds
{
    public static Guid For(Platform platform, string kind, string ltiKey)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{kind}/{platform.Id}/{ltiKey}"), hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true);
    }
}
