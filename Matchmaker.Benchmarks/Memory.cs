using System.Globalization;

namespace Matchmaker.Benchmarks;

/// <summary>
/// This process's resident memory as Linux reports it: the peak since the last reset (VmHWM, reset by writing 5 to
/// /proc/self/clear_refs), so each phase of a benchmark gets its own peak; and the machine's load average.
/// </summary>
public static class Memory
{
    public static void ResetPeak()
    {
        try { File.WriteAllText("/proc/self/clear_refs", "5"); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    public static long PeakMegabytes() => Field("VmHWM:");

    public static long ResidentMegabytes() => Field("VmRSS:");

    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    private static long Field(string name)
    {
        if (!File.Exists("/proc/self/status")) return System.Diagnostics.Process.GetCurrentProcess().PeakWorkingSet64 / 1024 / 1024;
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith(name, StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line[name.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024;
    }
}
