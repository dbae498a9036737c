using System.Security.Cryptography;
using Npgsql;
using Verification.BuildingBlocks.Encryption;
using Verification.BuildingBlocks.Signing;

namespace Verification.Lti.ToolKeys;

/// <summary>
/// The tool's RS256 keys (<c>lti.tool_keys</c>), apart from the certificate keys: LTI 1.3 platforms (Moodle, Canvas)
/// accept RSA only, and a platform that trusts this tool should not thereby trust its certificates.
/// </summary>
internal sealed class ToolKeyStore(NpgsqlDataSource dataSource, EnvelopeEncryption encryption, TimeProvider time)
    : SealedSigningKeys<RSA>(dataSource, encryption, time, "lti.tool_keys", new Rs256Keys());
