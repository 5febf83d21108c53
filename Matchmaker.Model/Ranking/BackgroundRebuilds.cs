using Matchmaker.Model.Grains;

namespace Matchmaker.Model.Ranking;

/// <summary>
/// Serves the newest table while the next one is built in the background: changes are noted and return at once,
/// one rebuild runs at a time, and changes noted while it runs are gathered into the one after it. A reader waits
/// only for the first table. Not thread-safe: its owner (a grain activation) calls it from one thread at a time.
/// </summary>
/// <remarks>
/// Staleness is bounded by construction: a change noted now is re-read by the rebuild that starts after the running
/// one ends, so it is served after at most the running rebuild, the gathering pause and one more rebuild.
/// </remarks>
/// <param name="gather">
/// Awaited before each rebuild takes the pending changes, given how long the previous rebuild took (zero before the
/// first): a pause lets a burst of writes go into one rebuild, since most of a rebuild's cost (re-ranking) is the same
/// for one change or ten, and a pause that grows with that cost bounds the share of time spent rebuilding. Null: no pause.
/// </param>
public sealed class BackgroundRebuilds<TTable>(
    Func<Task<TTable>> buildFirst,
    Func<TTable, MatchChanges, Task<TTable>> rebuild,
    Action<Exception> failed,
    Func<TimeSpan, Task>? gather = null)
    where TTable : class
{
    private Task<TTable>? _first;
    private Task? _rebuilding;
    private MatchChanges _pending = new();
    private MatchChanges? _inFlight;
    // Changes are counted as they are noted; a table includes every change counted before its rebuild took them.
    private long _noted;
    private long _included;
    private readonly List<(long UpTo, TaskCompletionSource Served)> _waiters = [];
    private TimeSpan _lastRebuild;

    /// <summary>The newest table built; null until the first one is.</summary>
    public TTable? Current { get; private set; }

    /// <summary>How many rebuilds have produced a table (the first build not counted).</summary>
    public int Rebuilds { get; private set; }

    /// <summary>The newest table, waiting only when none has been built yet.</summary>
    public Task<TTable> ServingAsync() => Current is { } current ? Task.FromResult(current) : FirstAsync();

    /// <summary>True when a change not yet served (pending or being ranked) satisfies <paramref name="names"/>.</summary>
    public bool Unserved(Func<MatchChanges, bool> names) =>
        Current is null || names(_pending) || (_inFlight is { } inFlight && names(inFlight));

    public void Note(MatchChange change)
    {
        _pending.Add(change);
        _noted++;
        EnsureRebuilding();
    }

    /// <summary>Completes when a table including every change noted before this call is current.</summary>
    public async Task AwaitNotedAsync()
    {
        var upTo = _noted;
        if (Current is null) await FirstAsync();
        if (_included >= upTo) return;
        var served = new TaskCompletionSource();
        _waiters.Add((upTo, served));
        EnsureRebuilding();
        await served.Task;
    }

    private Task<TTable> FirstAsync() => _first ??= BuildFirstAsync();

    private async Task<TTable> BuildFirstAsync()
    {
        // The first build reads everything after this point, so it includes every change noted so far.
        var upTo = _noted;
        _pending = new MatchChanges();
        try
        {
            var table = await buildFirst();
            Serve(table, upTo);
            EnsureRebuilding();
            return table;
        }
        catch
        {
            // A failed first build is not kept: the next reader tries again, reading everything afresh.
            _first = null;
            throw;
        }
    }

    private void EnsureRebuilding()
    {
        if (Current is null || _pending.IsEmpty || _rebuilding is { IsCompleted: false }) return;
        _rebuilding = RebuildAsync();
    }

    private async Task RebuildAsync()
    {
        // Runs synchronously only until the rebuild's first await (its first read), so noting a change stays cheap.
        while (!_pending.IsEmpty)
        {
            if (gather is not null) await gather(_lastRebuild);
            var changes = _inFlight = _pending;
            _pending = new MatchChanges();
            var upTo = _noted;
            try
            {
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                var table = await rebuild(Current!, changes);
                _lastRebuild = System.Diagnostics.Stopwatch.GetElapsedTime(started);
                Rebuilds++;
                Serve(table, upTo);
            }
            catch (Exception e)
            {
                // The changes stay noted, so the next change or wait retries them; nobody waits forever on this one.
                changes.Add(_pending);
                _pending = changes;
                foreach (var (_, served) in _waiters) served.TrySetException(e);
                _waiters.Clear();
                failed(e);
                return;
            }
            finally
            {
                _inFlight = null;
            }
        }
    }

    private void Serve(TTable table, long upTo)
    {
        Current = table;
        _included = upTo;
        foreach (var waiter in _waiters.Where(w => w.UpTo <= upTo).ToList())
        {
            _waiters.Remove(waiter);
            waiter.Served.TrySetResult();
        }
    }
}

/// <summary>The pause before a rebuild: at least <paramref name="Minimum"/>, else a multiple of the last rebuild's time, capped.</summary>
public sealed record GatherPause(TimeSpan Minimum, double PerRebuild, TimeSpan Maximum)
{
    public TimeSpan For(TimeSpan lastRebuild)
    {
        var scaled = lastRebuild * PerRebuild;
        return scaled < Minimum ? Minimum : scaled > Maximum ? Maximum : scaled;
    }
}
