using Microsoft.AspNetCore.Builder;

namespace Verification.BuildingBlocks.OpenApi;

/// <summary>
/// Endpoint metadata: the endpoint may refuse with <paramref name="Status"/> and one of <paramref name="Codes"/> (the
/// problem's <c>code</c>). The API document lists exactly these answers, and the test hosts refuse to let an endpoint
/// give one it did not declare. An endpoint declares its own; the mechanism that causes a cross-cutting refusal
/// (authorization, consent, JSON reading, picture uploads) declares it once for every endpoint it applies to.
/// </summary>
public sealed record Refusal(int Status, IReadOnlyList<string> Codes);

public static class RefusalDeclarations
{
    /// <summary>Declares that the endpoint answers <paramref name="status"/> with one of <paramref name="codes"/>.</summary>
    public static TBuilder Refuses<TBuilder>(this TBuilder builder, int status, params IReadOnlyList<string> codes)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new Refusal(status, codes));

    /// <summary>Every (status, code) the endpoint declared, by status.</summary>
    public static IReadOnlyDictionary<int, IReadOnlySet<string>> Declared(IEnumerable<object> metadata)
    {
        var declared = new SortedDictionary<int, SortedSet<string>>();
        foreach (var refusal in metadata.OfType<Refusal>())
        {
            if (!declared.TryGetValue(refusal.Status, out var codes))
            {
                declared[refusal.Status] = codes = new SortedSet<string>(StringComparer.Ordinal);
            }

            codes.UnionWith(refusal.Codes);
        }

        return declared.ToDictionary(p => p.Key, p => (IReadOnlySet<string>)p.Value);
    }
}
