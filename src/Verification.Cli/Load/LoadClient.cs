using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Verification.Proctoring.Contracts.Player;

namespace Verification.Cli.Load;

/// <summary>One simulated course player: a session over MessagePack that sends frames at a fixed pace and times each result.</summary>
internal sealed class LoadClient(LoadTestSettings settings, IReadOnlyList<byte[]> frames, int index)
{
    private readonly ConcurrentDictionary<int, long> _sentAt = new();

    public ConcurrentBag<double> LatenciesMs { get; } = [];

    public int Shed { get; private set; }

    public int Sent { get; private set; }

    public string? FinalVerdict { get; private set; }

    public async Task RunAsync(HttpClient http, Action onFrame, CancellationToken cancellationToken)
    {
        var token = await MintTokenAsync(http, cancellationToken);
        await using var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(new Uri(settings.Url), "/hubs/proctoring"))
            .AddMessagePackProtocol()
            .Build();
        connection.On<FrameResult>("FrameResult", result =>
        {
            if (_sentAt.TryRemove(result.Frame, out var sent))
            {
                LatenciesMs.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
            }
        });
        connection.On<FramesShed>("FramesShed", shed => Shed = shed.TotalDropped);
        await connection.StartAsync(cancellationToken);
        await connection.InvokeAsync<SessionStarted>("StartSession", token, cancellationToken);

        var interval = TimeSpan.FromSeconds(1 / settings.FramesPerSecond);
        var end = DateTime.UtcNow.AddSeconds(settings.Seconds);
        using var timer = new PeriodicTimer(interval);
        for (var i = index; DateTime.UtcNow < end && await timer.WaitForNextTickAsync(cancellationToken); i++)
        {
            var started = Stopwatch.GetTimestamp();
            var accepted = await connection.InvokeAsync<FrameAccepted>("SendFrame", frames[i % frames.Count], cancellationToken);
            _sentAt[accepted.Frame] = started;
            Sent++;
            onFrame();
        }

        var verdict = await connection.InvokeAsync<VerdictChanged>("EndSession", cancellationToken);
        FinalVerdict = verdict.Verdict;
    }

    private async Task<string> MintTokenAsync(HttpClient http, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(new Uri(settings.Url), "/api/v1/tokens"))
        {
            Content = JsonContent.Create(new { learnerId = settings.LearnerId, courseId = settings.CourseId, assessmentId = $"load-{index}-{Guid.NewGuid():N}", purpose = "session" }),
        };
        request.Headers.Add("X-Api-Key", settings.ApiKey);
        using var response = await http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<TokenResponse>(cancellationToken);
        return body?.Token ?? throw new InvalidOperationException("The token endpoint returned no token.");
    }

    private sealed record TokenResponse(string Token);
}
