using Verification.Proctoring.Sessions.Live;
using Verification.Proctoring.Sessions.Telemetry;

namespace Verification.Proctoring.Sessions.Admission;

/// <summary>
/// Counts the frames this node received and shed in one-second buckets over the window, and says whether a new
/// session may start: refused while the shed share is above the limit, while the node holds its cap of sessions, or
/// while its limit of starts is already in flight.
/// </summary>
internal sealed class AdmissionControl(AdmissionSettings settings, LiveSessions sessions, ProctoringMetrics metrics, TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly long[] _second = new long[settings.WindowSeconds];
    private readonly int[] _received = new int[settings.WindowSeconds];
    private readonly int[] _shed = new int[settings.WindowSeconds];
    private int _starting;

    public void FrameReceived() => Add(_received);

    public void FrameShed() => Add(_shed);

    /// <summary>
    /// Admits a new session or says why not, for the refusal the caller answers (hub or HTTP); a refusal counts in
    /// <c>verification.sessions.refused</c>. An admitted ticket holds a place among the starts in flight until disposed.
    /// </summary>
    public AdmissionTicket Admit()
    {
        if (Refusal(sessions.CountLive()) is { } refusal)
        {
            metrics.SessionRefused("server_busy");
            return new AdmissionTicket(refusal, settings.WindowSeconds, null);
        }

        if (Interlocked.Increment(ref _starting) > settings.MaxConcurrentStarts)
        {
            Interlocked.Decrement(ref _starting);
            metrics.SessionRefused("server_busy");
            return new AdmissionTicket($"{settings.MaxConcurrentStarts} sessions are starting on this node at once", settings.StartRetryAfterSeconds, null);
        }

        return new AdmissionTicket(null, 0, () => Interlocked.Decrement(ref _starting));
    }

    private string? Refusal(int liveSessions)
    {
        if (settings.MaxLiveSessions > 0 && liveSessions >= settings.MaxLiveSessions)
        {
            return $"this node serves its limit of {settings.MaxLiveSessions} sessions";
        }

        var (received, shed) = Totals();
        return received >= settings.MinFramesInWindow && shed > settings.MaxShedFraction * received
            ? $"{shed} of the last {received} frames could not be analysed in time"
            : null;
    }

    private void Add(int[] counts)
    {
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var slot = (int)(now % _second.Length);
        lock (_gate)
        {
            if (_second[slot] != now)
            {
                _second[slot] = now;
                _received[slot] = 0;
                _shed[slot] = 0;
            }

            counts[slot]++;
        }
    }

    private (int Received, int Shed) Totals()
    {
        var oldest = time.GetUtcNow().ToUnixTimeSeconds() - _second.Length;
        int received = 0, shed = 0;
        lock (_gate)
        {
            for (var i = 0; i < _second.Length; i++)
            {
                if (_second[i] > oldest)
                {
                    received += _received[i];
                    shed += _shed[i];
                }
            }
        }

        return (received, shed);
    }
}
