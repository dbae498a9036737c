using System.Diagnostics;
using System.Net.WebSockets;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Verification.Proctoring.Contracts.Player;

namespace Verification.Cli.Load;

/// <summary>
/// One simulated course player for one step: a session over MessagePack that sends a typing check at the start,
/// answers each <c>type_phrase</c> prompt with the next one, sends a frame every interval, times each frame to its
/// <c>FrameResult</c>, sends a batch of answer typing after every <c>--answer-typing-every</c> frames, and ends the
/// session. Every failure is counted in the tally by kind, never thrown.
/// </summary>
internal sealed class LoadPlayer(LoadTestSettings settings, LoadPeople people, LoadLearner learner, IReadOnlyList<byte[]> frames, LoadTally tally)
{
    public static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan EndTimeout = TimeSpan.FromSeconds(60);

    private readonly Lock _gate = new();
    private readonly Dictionary<int, long> _sentAt = [];
    private readonly Dictionary<int, long> _earlyResults = [];
    private int _typingRequested;
    private int _shedTotal;
    private int _accepted;
    private int _answered;

    public async Task RunAsync(HttpClient http, string assessmentId, TimeSpan startOffset, int frameCount, Action onFrame, CancellationToken cancellationToken)
    {
        string token;
        try
        {
            token = await LoadEnrollment.TokenAsync(http, settings, learner.LearnerId, "session", assessmentId, tally.TokenRetries, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or LoadRefusedException)
        {
            tally.Error(e is HttpRequestException ? "connection" : "token_refused");
            return;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C or the step's deadline before the session began: nothing to end.
            return;
        }

        await using var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(new Uri(settings.Url), "/hubs/proctoring"))
            .AddMessagePackProtocol()
            .Build();
        using var lost = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var ending = false;
        connection.On<FrameResult>("FrameResult", OnResult);
        connection.On<FramesShed>("FramesShed", shed => Interlocked.Exchange(ref _shedTotal, Math.Max(Volatile.Read(ref _shedTotal), shed.TotalDropped)));
        connection.On<Prompt>("Prompt", prompt =>
        {
            if (prompt.Code == "type_phrase")
            {
                Interlocked.Increment(ref _typingRequested);
            }
        });
        connection.Closed += error =>
        {
            if (!Volatile.Read(ref ending) || error is not null)
            {
                tally.Error("connection_lost");
                lost.Cancel();
            }

            return Task.CompletedTask;
        };

        if (!await CallAsync(connection.StartAsync, "connection", CallTimeout, lost.Token)
            || !await StartSessionAsync(connection, token, lost.Token))
        {
            return;
        }

        tally.SessionStarted();
        var check = 0;
        var answerBatch = 0;
        await SendTypingAsync(connection, check++, lost.Token);
        try
        {
            await Task.Delay(startOffset, lost.Token);
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(settings.IntervalSeconds));
            // A count, not a clock: a session that was slow to start still sends its share, so steps compare.
            for (var i = 0; i < frameCount; i++)
            {
                if (Interlocked.Exchange(ref _typingRequested, 0) > 0)
                {
                    await SendTypingAsync(connection, check++, lost.Token);
                }

                await SendFrameAsync(connection, frames[(learner.Player + i) % frames.Count], lost.Token);
                onFrame();
                if (settings.AnswerTypingEvery > 0 && (i + 1) % settings.AnswerTypingEvery == 0)
                {
                    await SendAnswerTypingAsync(connection, ++answerBatch, lost.Token);
                }

                if (i + 1 < frameCount && !await timer.WaitForNextTickAsync(lost.Token))
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The connection was lost (counted by Closed), the step's deadline passed, or Ctrl+C: end what can be ended.
        }

        Volatile.Write(ref ending, true);
        if (!lost.IsCancellationRequested)
        {
            await CallAsync(async t => tally.SessionEnded((await connection.InvokeAsync<VerdictChanged>("EndSession", t)).Verdict), null, EndTimeout, lost.Token);
        }

        lock (_gate)
        {
            var shed = Volatile.Read(ref _shedTotal);
            tally.FramesAccounted(shed, Math.Max(0, _accepted - _answered - shed));
        }
    }

    /// <summary>
    /// StartSession as the course player calls it (js/start-retry.js): a start refused <c>server_busy</c> or
    /// <c>database_unavailable</c> is sent again after the hinted seconds plus a random half, at most
    /// <see cref="LoadStartRetry.MaxAttempts"/> times; only a start still refused then is an error.
    /// </summary>
    private async Task<bool> StartSessionAsync(HubConnection connection, string token, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            string? refusal = null;
            try
            {
                using var timed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timed.CancelAfter(CallTimeout);
                await connection.InvokeAsync<SessionStarted>("StartSession", token, timed.Token);
                return true;
            }
            catch (HubException e) when (attempt < LoadStartRetry.MaxAttempts && LoadStartRetry.Wait(e.Message) is not null)
            {
                refusal = e.Message;
            }
            catch (HubException e)
            {
                tally.Error("hub:" + HubCode(e.Message));
                return false;
            }
            catch (Exception e) when (e is OperationCanceledException or HttpRequestException or WebSocketException or InvalidOperationException or IOException)
            {
                if (!cancellationToken.IsCancellationRequested)
                {
                    tally.Error(e is OperationCanceledException ? "timeout" : "connection_lost");
                }

                return false;
            }

            tally.StartRetries.Retried();
            await Task.Delay(LoadStartRetry.Wait(refusal)!.Value, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task SendFrameAsync(HubConnection connection, byte[] jpeg, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        FrameAccepted? accepted = null;
        if (!await CallAsync(async t => accepted = await connection.InvokeAsync<FrameAccepted>("SendFrame", jpeg, t), null, CallTimeout, cancellationToken))
        {
            return;
        }

        tally.FrameSent();
        if (accepted!.Code is { } code)
        {
            tally.Error("frame_refused:" + code);
            return;
        }

        lock (_gate)
        {
            _accepted++;
            if (_earlyResults.Remove(accepted.Frame, out var at))
            {
                _answered++;
                tally.FrameAnalysed(Stopwatch.GetElapsedTime(started, at).TotalMilliseconds);
            }
            else
            {
                _sentAt[accepted.Frame] = started;
            }
        }
    }

    private void OnResult(FrameResult result)
    {
        var now = Stopwatch.GetTimestamp();
        lock (_gate)
        {
            if (_sentAt.Remove(result.Frame, out var sent))
            {
                _answered++;
                tally.FrameAnalysed(Stopwatch.GetElapsedTime(sent, now).TotalMilliseconds);
            }
            else
            {
                // The result came before SendFrame's acknowledgement was read: matched when it is.
                _earlyResults[result.Frame] = now;
            }
        }
    }

    private async Task SendTypingAsync(HubConnection connection, int check, CancellationToken cancellationToken)
    {
        tally.TypingCheckSent();
        await CallAsync(
            async t => tally.TypingCheckAcknowledged((await connection.InvokeAsync<KeystrokeResult>("SendKeystrokes", people.TypingCheck(learner.Player, check), t)).Usable),
            null,
            CallTimeout,
            cancellationToken);
    }

    /// <summary>
    /// One batch of answer typing; one not recorded is an error by its code. A batch that got no answer is neither
    /// recorded nor refused: the report counts it lost.
    /// </summary>
    private async Task SendAnswerTypingAsync(HubConnection connection, int batch, CancellationToken cancellationToken)
    {
        tally.AnswerTypingBatchSent();
        AnswerTypingResult? result = null;
        if (!await CallAsync(
                async t => result = await connection.InvokeAsync<AnswerTypingResult>("SendAnswerTyping", people.AnswerTyping(learner.Player, batch), t),
                null,
                CallTimeout,
                cancellationToken,
                tally.AnswerTypingBatchRefused))
        {
            return;
        }

        if (result!.Recorded)
        {
            tally.AnswerTypingBatchRecorded();
            return;
        }

        var code = result.Code ?? "unknown";
        tally.AnswerTypingBatchRefused(code);
        tally.Error("answer_typing_refused:" + code);
    }

    /// <summary>Runs one call and counts its failure by kind: the hub's refusal code (also given to <paramref name="refused"/>), a timeout, or a lost connection.</summary>
    private async Task<bool> CallAsync(
        Func<CancellationToken, Task> call, string? connectionKind, TimeSpan timeout, CancellationToken cancellationToken, Action<string>? refused = null)
    {
        using var timed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timed.CancelAfter(timeout);
        try
        {
            await call(timed.Token);
            return true;
        }
        catch (HubException e)
        {
            var code = HubCode(e.Message);
            tally.Error("hub:" + code);
            refused?.Invoke(code);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The step's deadline, Ctrl+C, or a connection already counted as lost.
        }
        catch (OperationCanceledException)
        {
            tally.Error("timeout");
        }
        catch (Exception e) when (e is HttpRequestException or WebSocketException or InvalidOperationException or IOException)
        {
            tally.Error(connectionKind ?? "connection_lost");
        }

        return false;
    }

    /// <summary>The code a hub error starts with ("server_busy: the service is at capacity ...").</summary>
    private static string HubCode(string message)
    {
        var text = message.Contains("HubException: ", StringComparison.Ordinal) ? message[(message.IndexOf("HubException: ", StringComparison.Ordinal) + 14)..] : message;
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var code = colon > 0 ? text[..colon] : "unknown";
        return code.All(c => char.IsAsciiLetterLower(c) || c == '_') ? code : "unknown";
    }
}
