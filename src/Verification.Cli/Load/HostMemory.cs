using System.Globalization;

namespace Verification.Cli.Load;

/// <summary>
/// The Host's resident memory (VmRSS from /proc/PID/status) before the load, its peak while sampled, and after the
/// sessions ended and the Host had time to settle: what the sessions cost and whether it was given back.
/// </summary>
internal sealed class HostMemory(int pid)
{
    private long _peakKb;

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

    public async Task SettleAsync(TimeSpan wait)
    {
        await Task.Delay(wait);
        AfterKb = Read();
    }

    private long Read()
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException($"/proc/{pid}/status has no VmRSS line.");
    }
}
