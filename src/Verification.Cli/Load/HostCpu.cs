using System.Globalization;

namespace Verification.Cli.Load;

/// <summary>
/// The Host's CPU time (utime + stime from /proc/PID/stat) over a step: seconds of CPU, and the cores that makes busy
/// on average over the step's wall time. Null once the process is gone.
/// </summary>
internal sealed class HostCpu(int pid)
{
    // USER_HZ: the unit of /proc/PID/stat times, 100 on every Linux architecture .NET runs on (sysconf(_SC_CLK_TCK)).
    private const double TicksPerSecond = 100;

    private double? _start;

    public void Start() => _start = ReadSeconds();

    /// <summary>CPU seconds since <see cref="Start"/>; null when the Host was gone at either end.</summary>
    public double? SecondsSinceStart() => _start is { } start && ReadSeconds() is { } now ? now - start : null;

    private double? ReadSeconds()
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        // The command name (field 2) may hold spaces and parentheses: count fields after its closing one.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        if (fields[0] is "Z" or "X")
        {
            // Killed and not yet reaped by its parent: gone, though /proc still shows it.
            return null;
        }

        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
    }
}
