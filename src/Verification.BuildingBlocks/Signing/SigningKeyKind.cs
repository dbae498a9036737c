using System.Security.Cryptography;

namespace Verification.BuildingBlocks.Signing;

/// <summary>What differs between two signing-key tables: the algorithm, its new keys and its public JWK members.</summary>
public abstract class SigningKeyKind<TKey>
    where TKey : AsymmetricAlgorithm
{
    public abstract TKey Create();

    public abstract TKey Empty();

    /// <summary>The JWK members of the public key besides <c>kid</c> and <c>use</c>, <c>alg</c> included.</summary>
    public abstract IEnumerable<KeyValuePair<string, string>> PublicJwk(TKey key);
}

/// <summary>ES256: ECDSA on P-256.</summary>
public sealed class Es256Keys : SigningKeyKind<ECDsa>
{
    public override ECDsa Create() => ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public override ECDsa Empty() => ECDsa.Create();

    public override IEnumerable<KeyValuePair<string, string>> PublicJwk(ECDsa key)
    {
        var parameters = key.ExportParameters(false);
        return [new("kty", "EC"), new("crv", "P-256"), new("x", Base64Url(parameters.Q.X!)), new("y", Base64Url(parameters.Q.Y!)), new("alg", "ES256")];
    }

    private static string Base64Url(byte[] bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);
}

/// <summary>RS256: RSA with 2048-bit keys (what LTI 1.3 platforms accept).</summary>
public sealed class Rs256Keys : SigningKeyKind<RSA>
{
    public override RSA Create() => RSA.Create(2048);

    public override RSA Empty() => RSA.Create();

    public override IEnumerable<KeyValuePair<string, string>> PublicJwk(RSA key)
    {
        var parameters = key.ExportParameters(false);
        return [new("kty", "RSA"), new("n", Base64Url(parameters.Modulus!)), new("e", Base64Url(parameters.Exponent!)), new("alg", "RS256")];
    }

    private static string Base64Url(byte[] bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);
}
