using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Verification.Certificates.Tests.Webhooks;

public sealed record ReceivedCall(string Id, string Timestamp, string Signature, string Body, int Answered, DateTime ArrivedAt);

/// <summary>
/// A webhook receiver on Kestrel (loopback http): answers 500 to its first <c>failures</c> calls, then 200, each after
/// <c>delay</c>.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<ReceivedCall> _calls = [];
    private readonly int _failures;
    private readonly TimeSpan _delay;

    private WebhookReceiver(WebApplication app, int failures, TimeSpan delay, string url)
    {
        _app = app;
        _failures = failures;
        _delay = delay;
        Url = url;
    }

    public string Url { get; }

    public IReadOnlyList<ReceivedCall> Calls
    {
        get
        {
            lock (_calls)
            {
                return [.. _calls];
            }
        }
    }

    public static async Task<WebhookReceiver> StartAsync(int failures, TimeSpan delay = default)
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var receiver = new WebhookReceiver(app, failures, delay, $"http://127.0.0.1:{port}/hook");
        app.MapPost("/hook", receiver.ReceiveAsync);
        await app.StartAsync(TestContext.Current.CancellationToken);
        return receiver;
    }

    public async Task WaitForAsync(int count, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (Calls.Count < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the receiver got {Calls.Count} of {count} calls");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task<IResult> ReceiveAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync();
        int answered;
        lock (_calls)
        {
            answered = _calls.Count < _failures ? 500 : 200;
            _calls.Add(new ReceivedCall(request.Headers["Webhook-Id"].ToString(), request.Headers["Webhook-Timestamp"].ToString(),
                request.Headers["Webhook-Signature"].ToString(), body, answered, DateTime.UtcNow));
        }

        if (_delay > TimeSpan.Zero)
        {
            await Task.Delay(_delay, request.HttpContext.RequestAborted);
        }

        return Results.StatusCode(answered);
    }
}
