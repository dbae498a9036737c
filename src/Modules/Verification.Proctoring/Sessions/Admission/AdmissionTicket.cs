namespace Verification.Proctoring.Sessions.Admission;

/// <summary>
/// The answer to "may a session start now": <see cref="Refusal"/> null and a place among the starts in flight, freed
/// once on dispose; or the reason and the seconds after which to retry.
/// </summary>
internal sealed class AdmissionTicket(string? refusal, int retryAfterSeconds, Action? release) : IDisposable
{
    private Action? _release = release;

    public string? Refusal { get; } = refusal;

    public int RetryAfterSeconds { get; } = retryAfterSeconds;

    public void Dispose() => Interlocked.Exchange(ref _release, null)?.Invoke();
}
