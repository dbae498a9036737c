using Dapper;
using Mediator;
using Npgsql;
using Verification.Catalog.Contracts;

namespace Verification.Lti.Platforms.RegisterPlatform;

/// <summary>Registers a partner's LMS, or replaces its registration: one per partner, one partner per issuer and client id.</summary>
internal sealed class RegisterPlatformHandler(NpgsqlDataSource dataSource, IMediator mediator, TimeProvider time)
{
    public sealed record Registration(string? Issuer, string? ClientId, IReadOnlyList<string>? DeploymentIds, string? AuthorizationEndpoint, string? TokenEndpoint, string? JwksUrl);

    public sealed record Result(Platform? Platform, string? Error, string? Detail);

    private const int MaximumLength = 500;

    public async Task<Result> HandleAsync(Guid partnerId, Registration registration, CancellationToken cancellationToken)
    {
        if (Invalid(registration) is { } detail)
        {
            return new Result(null, "registration_invalid", detail);
        }

        if (!await mediator.Send(new PartnerExists(partnerId), cancellationToken))
        {
            return new Result(null, "partner_not_found", "Create the partner in the catalog first.");
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            var id = await connection.ExecuteScalarAsync<Guid>(new CommandDefinition("""
                INSERT INTO lti.platforms (id, partner_id, issuer, client_id, deployment_ids, authorization_endpoint, token_endpoint, jwks_url, created_at)
                VALUES (@id, @partnerId, @Issuer, @ClientId, @deployments, @AuthorizationEndpoint, @TokenEndpoint, @JwksUrl, @now)
                ON CONFLICT (partner_id) DO UPDATE SET issuer = excluded.issuer, client_id = excluded.client_id, deployment_ids = excluded.deployment_ids,
                    authorization_endpoint = excluded.authorization_endpoint, token_endpoint = excluded.token_endpoint, jwks_url = excluded.jwks_url
                RETURNING id
                """,
                new
                {
                    id = Guid.CreateVersion7(), partnerId, registration.Issuer, registration.ClientId, deployments = registration.DeploymentIds!.Distinct(StringComparer.Ordinal).ToArray(),
                    registration.AuthorizationEndpoint, registration.TokenEndpoint, registration.JwksUrl, now = time.GetUtcNow(),
                },
                cancellationToken: cancellationToken));
            var platform = await new PlatformStore(dataSource).GetAsync(id, cancellationToken);
            return new Result(platform, null, null);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return new Result(null, "platform_taken", "Another partner registered this issuer and client id; each LMS registration belongs to one partner.");
        }
    }

    private static string? Invalid(Registration r)
    {
        if (string.IsNullOrWhiteSpace(r.Issuer) || r.Issuer.Length > MaximumLength)
        {
            return "Give the platform's issuer (iss), as its id_tokens carry it.";
        }

        if (string.IsNullOrWhiteSpace(r.ClientId) || r.ClientId.Length > MaximumLength)
        {
            return "Give the client id the platform assigned to this tool.";
        }

        if (r.DeploymentIds is not { Count: > 0 and <= 100 } deployments || deployments.Any(d => string.IsNullOrWhiteSpace(d) || d.Length > 255))
        {
            return "Give between 1 and 100 deployment ids, each at most 255 characters.";
        }

        foreach (var (name, value) in new[] { ("authorizationEndpoint", r.AuthorizationEndpoint), ("tokenEndpoint", r.TokenEndpoint), ("jwksUrl", r.JwksUrl) })
        {
            if (!IsWebAddress(value))
            {
                return $"{name} must be an absolute http or https address.";
            }
        }

        return null;
    }

    private static bool IsWebAddress(string? value) =>
        value is { Length: <= MaximumLength } && Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) && string.IsNullOrEmpty(uri.UserInfo);
}
