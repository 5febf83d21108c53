namespace Matchmaker.Tests.Infrastructure;

/// <summary>
/// The system clock moved to another moment (the day of an event, a minute into a meeting) and ticking on from there;
/// the host's <see cref="TimeProvider"/> in tests of what happens during the event. Moved forward only.
/// </summary>
public sealed class ShiftedClock : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));

    /// <summary>From now on the clock reads <paramref name="moment"/>, and ticks on.</summary>
    public void MoveTo(DateTimeOffset moment)
    {
        var offset = (moment - System.GetUtcNow()).Ticks;
        if (offset < Interlocked.Read(ref _offsetTicks)) throw new InvalidOperationException($"The clock moves forward only; {moment:O} is behind it.");
        Interlocked.Exchange(ref _offsetTicks, offset);
    }
}
