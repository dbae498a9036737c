using Mediator;

namespace Verification.Access.Contracts;

/// <summary>
/// Creates an API key for one partner with the given scopes. The key itself is in the answer only: the service keeps
/// its hash. <paramref name="Key"/> imports a key generated elsewhere (the demo's, kept in <c>.data/</c>); null makes a new one.
/// </summary>
public sealed record CreateApiKey(Guid PartnerId, IReadOnlyList<string> Scopes, string Name, string Actor, Guid? KeyId = null, string? Key = null)
    : ICommand<CreateApiKeyResult>;

/// <summary><paramref name="Error"/> is a problem code (<c>scopes_invalid</c>, <c>partner_not_found</c>, <c>key_invalid</c>) when nothing was created.</summary>
public sealed record CreateApiKeyResult(ApiKeyCreated? Created, string? Error);

public sealed record ApiKeyCreated(Guid KeyId, Guid PartnerId, string Key, string Prefix, IReadOnlyList<string> Scopes, DateTimeOffset CreatedAt, bool AlreadyExisted);

/// <summary>A partner's keys (all partners' when <paramref name="PartnerId"/> is null), newest first, without secrets.</summary>
public sealed record ListApiKeys(Guid? PartnerId) : IQuery<IReadOnlyList<ApiKeySummary>>;

public sealed record ApiKeySummary(
    Guid KeyId, Guid PartnerId, string Name, string Prefix, IReadOnlyList<string> Scopes, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt);

/// <summary>Revokes a key at once; false when there is no such key. Revoking twice is not an error.</summary>
public sealed record RevokeApiKey(Guid KeyId, string Actor) : ICommand<bool>;
