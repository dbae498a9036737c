using System.Text;
using System.Threading.Channels;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Verification.Billing.Payments.Webhooks;

namespace Verification.Billing.Payments.Local;

/// <summary>
/// Delivers the local provider's webhooks over HTTP to the service's own endpoint (or <c>Billing:LocalWebhookUrl</c>), signed at each attempt, and
/// retries a delivery that is not answered 2xx (the order's transaction may not have committed yet, or the database
/// is away) on a fixed schedule, as a real provider does.
/// </summary>
internal sealed class LocalWebhookSender(
    IHttpClientFactory clients, BillingSettings settings, WebhookSecret secret, IServiceProvider services, TimeProvider time, ILogger<LocalWebhookSender> logger) : BackgroundService
{
    public const string ClientName = "billing-local-webhooks";
    public const string Path = "/api/v1/billing/webhooks/local";

    // Real time on purpose: this paces network retries, it is not a business deadline that a test clock should move.
    private static readonly TimeSpan[] Retries = [.. new[] { 0.1, 0.25, 0.5, 1, 2, 4, 8, 15, 30, 60 }.Select(TimeSpan.FromSeconds)];
    private readonly Channel<string> _queue = Channel.CreateUnbounded<string>();

    public void Enqueue(string body) => _queue.Writer.TryWrite(body);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var body in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            // Each delivery retries on its own so that one stuck event does not hold the others.
            _ = Task.Run(() => DeliverAsync(body, stoppingToken), stoppingToken);
        }
    }

    // Without Billing:LocalWebhookUrl, the service's own first listening address: the provider calls back the process it runs in.
    private string WebhookUrl()
    {
        if (settings.LocalWebhookUrl is { } configured)
        {
            return configured;
        }

        var address = services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://127.0.0.1:5080";
        var uri = new UriBuilder(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal)
            .Replace("://+", "://127.0.0.1", StringComparison.Ordinal).Replace("://*", "://127.0.0.1", StringComparison.Ordinal)) { Path = Path };
        return uri.Uri.ToString();
    }

    private async Task DeliverAsync(string body, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt <= Retries.Length; attempt++)
        {
            try
            {
                using var client = clients.CreateClient(ClientName);
                using var request = new HttpRequestMessage(HttpMethod.Post, WebhookUrl()) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
                request.Headers.Add(WebhookSignature.Header, WebhookSignature.Sign(secret.Value, time.GetUtcNow().ToUnixTimeSeconds(), body));
                using var response = await client.SendAsync(request, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }

                logger.LogInformation("Local provider webhook answered {Status}; attempt {Attempt} will be retried", (int)response.StatusCode, attempt + 1);
            }
            catch (HttpRequestException ex)
            {
                logger.LogInformation("Local provider webhook not delivered ({Reason}); attempt {Attempt} will be retried", ex.Message, attempt + 1);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }

            if (attempt < Retries.Length)
            {
                await Task.Delay(Retries[attempt], TimeProvider.System, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }

        logger.LogWarning("Local provider webhook given up after {Attempts} attempts", Retries.Length + 1);
    }
}
