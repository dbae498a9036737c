using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR.Client;
using Verification.Proctoring.Contracts.Player;

namespace Verification.Proctoring.Tests.Support;

/// <summary>A course player in a test: a real SignalR connection with one session, recording what the server pushes.</summary>
public sealed class Player : IAsyncDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private readonly HubConnection _connection;
    private readonly ConcurrentDictionary<int, TaskCompletionSource<FrameResult>> _pending = new();
    private readonly List<VerdictChanged> _verdicts = [];
    private readonly Lock _gate = new();

    private Player(HubConnection connection)
    {
        _connection = connection;
        connection.On<FrameResult>("FrameResult", result =>
        {
            Results.Add(result);
            _pending.GetOrAdd(result.Frame, _ => new TaskCompletionSource<FrameResult>(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult(result);
        });
        connection.On<VerdictChanged>("VerdictChanged", verdict =>
        {
            lock (_gate)
            {
                _verdicts.Add(verdict);
            }
        });
        connection.On<Prompt>("Prompt", prompt => Prompts.Add(prompt));
        connection.On<FramesShed>("FramesShed", shed =>
        {
            lock (_gate)
            {
                Shed.Add(shed);
            }
        });
    }

    public Guid SessionId { get; private set; }

    public ConcurrentBag<FrameResult> Results { get; } = [];

    public ConcurrentBag<Prompt> Prompts { get; } = [];

    public List<FramesShed> Shed { get; } = [];

    public HubConnectionState State => _connection.State;

    public HubConnection Connection => _connection;

    public IReadOnlyList<VerdictChanged> Verdicts
    {
        get
        {
            lock (_gate)
            {
                return [.. _verdicts];
            }
        }
    }

    /// <summary>A player on a connection already started elsewhere (another token, or a reconnect).</summary>
    public static async Task<Player> StartOnAsync(HubConnection connection, string token)
    {
        var player = new Player(connection);
        var started = await connection.InvokeAsync<SessionStarted>("StartSession", token, TestContext.Current.CancellationToken);
        player.SessionId = started.SessionId;
        return player;
    }

    /// <summary>A player resuming its session on a new connection, which this starts (a reconnect, possibly to another node).</summary>
    public static async Task<(Player Player, SessionStarted Started)> ResumeAsync(HubConnection connection, string token, Guid sessionId)
    {
        var player = new Player(connection);
        await connection.StartAsync(TestContext.Current.CancellationToken);
        var started = await connection.InvokeAsync<SessionStarted>("ResumeSession", token, sessionId, TestContext.Current.CancellationToken);
        player.SessionId = started.SessionId;
        return (player, started);
    }

    public static async Task<Player> StartAsync(HubConnection connection, string token)
    {
        var player = new Player(connection);
        await connection.StartAsync(TestContext.Current.CancellationToken);
        var started = await connection.InvokeAsync<SessionStarted>("StartSession", token, TestContext.Current.CancellationToken);
        player.SessionId = started.SessionId;
        return player;
    }

    public Task<FrameAccepted> SendFrameAsync(byte[] jpeg) =>
        _connection.InvokeAsync<FrameAccepted>("SendFrame", jpeg, TestContext.Current.CancellationToken);

    /// <summary>Sends a frame and waits for its <c>FrameResult</c>, as a player pacing itself would.</summary>
    public async Task<FrameResult> SendFrameAndWaitAsync(byte[] jpeg)
    {
        var accepted = await SendFrameAsync(jpeg);
        Assert.Null(accepted.Code);
        var pending = _pending.GetOrAdd(accepted.Frame, _ => new TaskCompletionSource<FrameResult>(TaskCreationOptions.RunContinuationsAsynchronously));
        return await pending.Task.WaitAsync(Wait, TestContext.Current.CancellationToken);
    }

    public Task<KeystrokeResult> SendKeystrokesAsync(KeystrokeBatch batch) =>
        _connection.InvokeAsync<KeystrokeResult>("SendKeystrokes", batch, TestContext.Current.CancellationToken);

    public Task<AnswerTypingResult> SendAnswerTypingAsync(AnswerTypingBatch batch) =>
        _connection.InvokeAsync<AnswerTypingResult>("SendAnswerTyping", batch, TestContext.Current.CancellationToken);

    /// <summary>Calls a hub method with one argument exactly as given, null included, as a hostile client would.</summary>
    public Task<TResult> InvokeAsync<TResult>(string method, object? argument) =>
        _connection.InvokeCoreAsync<TResult>(method, [argument], TestContext.Current.CancellationToken);

    public Task<VerdictChanged> EndAsync() => _connection.InvokeAsync<VerdictChanged>("EndSession", TestContext.Current.CancellationToken);

    public async Task<VerdictChanged?> WaitForVerdictAsync(Func<VerdictChanged, bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            lock (_gate)
            {
                var match = _verdicts.FirstOrDefault(condition);
                if (match is not null)
                {
                    return match;
                }
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        return null;
    }

    public async ValueTask DisposeAsync() => await _connection.DisposeAsync();
}
