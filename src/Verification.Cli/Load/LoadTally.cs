using System.Collections.Concurrent;

namespace Verification.Cli.Load;

/// <summary>What the players of one step counted, added to from every player's thread.</summary>
internal sealed class LoadTally
{
    private int _sent;
    private int _analysed;
    private int _shed;
    private int _unanswered;
    private int _sessionsStarted;
    private int _sessionsEnded;
    private int _typingSent;
    private int _typingAcknowledged;
    private int _typingUsable;
    private int _answerTypingSent;
    private int _answerTypingRecorded;

    public ConcurrentBag<double> LatenciesMs { get; } = [];

    /// <summary>Session token calls sent again after a 429 or 503's Retry-After.</summary>
    public LoadRetries TokenRetries { get; } = new();

    /// <summary>StartSession calls sent again after a <c>server_busy</c> or <c>database_unavailable</c> refusal's hint.</summary>
    public LoadRetries StartRetries { get; } = new();

    public ConcurrentDictionary<string, int> Errors { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, int> Verdicts { get; } = new(StringComparer.Ordinal);

    /// <summary>Answer typing batches not recorded, by the code of the result or of the hub error.</summary>
    public ConcurrentDictionary<string, int> AnswerTypingRefused { get; } = new(StringComparer.Ordinal);

    public int Sent => Volatile.Read(ref _sent);

    public int Analysed => Volatile.Read(ref _analysed);

    public int Shed => Volatile.Read(ref _shed);

    public int Unanswered => Volatile.Read(ref _unanswered);

    public int SessionsStarted => Volatile.Read(ref _sessionsStarted);

    public int SessionsEnded => Volatile.Read(ref _sessionsEnded);

    public int TypingSent => Volatile.Read(ref _typingSent);

    public int TypingAcknowledged => Volatile.Read(ref _typingAcknowledged);

    public int TypingUsable => Volatile.Read(ref _typingUsable);

    public int AnswerTypingSent => Volatile.Read(ref _answerTypingSent);

    public int AnswerTypingRecorded => Volatile.Read(ref _answerTypingRecorded);

    public int ErrorCount => Errors.Values.Sum();

    public void FrameSent() => Interlocked.Increment(ref _sent);

    public void FrameAnalysed(double? latencyMs)
    {
        Interlocked.Increment(ref _analysed);
        if (latencyMs is { } ms)
        {
            LatenciesMs.Add(ms);
        }
    }

    public void SessionStarted() => Interlocked.Increment(ref _sessionsStarted);

    public void SessionEnded(string verdict)
    {
        Interlocked.Increment(ref _sessionsEnded);
        Verdicts.AddOrUpdate(verdict, 1, (_, n) => n + 1);
    }

    /// <summary>What a session's frames became in the end: shed as the service reported, or never answered at all.</summary>
    public void FramesAccounted(int shed, int unanswered)
    {
        Interlocked.Add(ref _shed, shed);
        Interlocked.Add(ref _unanswered, unanswered);
    }

    public void TypingCheckSent() => Interlocked.Increment(ref _typingSent);

    public void TypingCheckAcknowledged(bool usable)
    {
        Interlocked.Increment(ref _typingAcknowledged);
        if (usable)
        {
            Interlocked.Increment(ref _typingUsable);
        }
    }

    public void AnswerTypingBatchSent() => Interlocked.Increment(ref _answerTypingSent);

    public void AnswerTypingBatchRecorded() => Interlocked.Increment(ref _answerTypingRecorded);

    public void AnswerTypingBatchRefused(string code) => AnswerTypingRefused.AddOrUpdate(code, 1, (_, n) => n + 1);

    public void Error(string kind) => Errors.AddOrUpdate(kind, 1, (_, n) => n + 1);
}
