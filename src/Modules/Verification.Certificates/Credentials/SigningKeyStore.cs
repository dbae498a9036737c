using System.Security.Cryptography;
using Npgsql;
using Verification.BuildingBlocks.Encryption;
using Verification.BuildingBlocks.Signing;

namespace Verification.Certificates.Credentials;

/// <summary>
/// The service's ES256 credential signing keys (<c>certificates.signing_keys</c>): every key ever used stays in the
/// JWKS, so a credential signed before a rotation still verifies after it.
/// </summary>
internal sealed class SigningKeyStore(NpgsqlDataSource dataSource, EnvelopeEncryption encryption, TimeProvider time)
    : SealedSigningKeys<ECDsa>(dataSource, encryption, time, "certificates.signing_keys", new Es256Keys());
