using Microsoft.Extensions.Hosting;

namespace Verification.Lti.ToolKeys;

/// <summary>Makes the tool key at start-up (after the migrations), so an LMS administrator can copy it before the first launch.</summary>
internal sealed class ToolKeyStartup(ToolKeyStore keys) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken) => await keys.PublicKeysAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
