using Microsoft.Extensions.Hosting;

namespace Verification.Certificates.Credentials;

/// <summary>Publishes the signing key at start-up (after the migrations), so the JWKS is never empty, even before the first certificate.</summary>
internal sealed class SigningKeyStartup(SigningKeyStore keys) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken) => await keys.JwksAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
