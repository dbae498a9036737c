using System.Globalization;

namespace Verification.Cli.Load;

/// <summary>
/// The Host's resident memory (VmRSS from /proc/PID/status) before a step, its peak while sampled, and after the
/// sessions ended and the Host had time to settle: what the sessions cost and whether it was given back. A Host that
/// is gone reads as the last value seen.
/// </summary>
internal sealed class HostMemory(int pid)
{
    private long _peakKb;
    private long _lastKb;

    public long BeforeKb { get; private set; }

    public long PeakKb => Interlocked.Read(ref _peakKb);

    public long AfterKb { get; private set; }

    public void Start()
    {
        BeforeKb = Read();
        _peakKb = BeforeKb;
    }

    public async Task SampleUntilAsync(Task done)
    {
        while (!done.IsCompleted)
        {
            var now = Read();
            if (now > PeakKb)
            {
                Interlocked.Exchange(ref _peakKb, now);
            }

            await Task.WhenAny(done, Task.Delay(250));
        }
    }

    public async Task SettleAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(wait, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C: read what is left now rather than not at all.
        }

        AfterKb = Read();
    }

    private long Read()
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    _lastKb = long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                    break;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The Host exited: the step reports the errors its players saw.
        }

        return _lastKb;
    }
}
