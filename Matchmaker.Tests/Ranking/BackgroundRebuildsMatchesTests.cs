using Matchmaker.Model.Grains;
using Matchmaker.Model.Ranking;

namespace Matchmaker.Tests.Ranking;

/// <summary>
/// The serving rules of the match grain, with rebuilds the test finishes by hand: reads answer from the previous
/// table while a rebuild runs, changes noted meanwhile go into the next rebuild, a noted change becomes visible.
/// </summary>
public class BackgroundRebuildsMatchesTests
{
    /// <summary>A table is the list of change batches it was built from.</summary>
    private sealed record Table(IReadOnlyList<string> Built);

    private sealed class Builder
    {
        public List<(MatchChanges Changes, TaskCompletionSource<Table> Done)> Running { get; } = [];
        public TaskCompletionSource<Table> First { get; } = new();
        public List<Exception> Failures { get; } = [];

        public BackgroundRebuilds<Table> Rebuilds(Func<Task>? gather = null) => new(() => First.Task, (previous, changes) =>
        {
            var done = new TaskCompletionSource<Table>();
            Running.Add((changes, done));
            return done.Task;
        }, Failures.Add, gather is null ? null : _ => gather());

        public void Finish(int index, Table previous)
        {
            var (changes, done) = Running[index];
            done.SetResult(previous with { Built = [.. previous.Built, string.Join(",", changes.Startups.Order())] });
        }
    }

    [Fact]
    public async Task A_read_during_a_rebuild_answers_from_the_previous_table_and_the_change_shows_once_it_is_built()
    {
        var builder = new Builder();
        var rebuilds = builder.Rebuilds();
        var firstRead = rebuilds.ServingAsync();
        Assert.False(firstRead.IsCompleted); // the first table is waited for
        var first = new Table(["first"]);
        builder.First.SetResult(first);
        Assert.Same(first, await firstRead);

        rebuilds.Note(MatchChange.OfStartup("s1"));
        var visible = rebuilds.AwaitNotedAsync();

        var during = rebuilds.ServingAsync();
        Assert.True(during.IsCompletedSuccessfully);
        Assert.Same(first, await during);
        Assert.True(rebuilds.Unserved(c => c.Startups.Contains("s1")));
        Assert.False(visible.IsCompleted);

        builder.Finish(0, first);
        await visible;
        Assert.Equal(["first", "s1"], (await rebuilds.ServingAsync()).Built);
        Assert.False(rebuilds.Unserved(c => c.Startups.Contains("s1")));
    }

    [Fact]
    public async Task Changes_noted_during_a_rebuild_are_gathered_into_one_next_rebuild()
    {
        var builder = new Builder();
        var rebuilds = builder.Rebuilds();
        builder.First.SetResult(new Table([]));
        await rebuilds.ServingAsync();

        rebuilds.Note(MatchChange.OfStartup("s1"));
        rebuilds.Note(MatchChange.OfStartup("s2"));
        rebuilds.Note(MatchChange.OfStartup("s3"));
        var all = rebuilds.AwaitNotedAsync();
        Assert.Single(builder.Running); // one at a time: s2 and s3 wait for s1's rebuild

        var afterFirst = await Current(rebuilds, builder, 0);
        Assert.Equal(["s1"], afterFirst.Built);
        Assert.False(all.IsCompleted);
        Assert.Equal(2, builder.Running.Count);
        await Current(rebuilds, builder, 1);
        await all;

        Assert.Equal(["s1", "s2,s3"], rebuilds.Current!.Built);
        Assert.Equal(2, rebuilds.Rebuilds);
    }

    [Fact]
    public async Task A_failed_rebuild_keeps_serving_the_previous_table_and_retries_its_changes_with_the_next()
    {
        var builder = new Builder();
        var rebuilds = builder.Rebuilds();
        var first = new Table([]);
        builder.First.SetResult(first);
        await rebuilds.ServingAsync();

        rebuilds.Note(MatchChange.OfStartup("s1"));
        var waiting = rebuilds.AwaitNotedAsync();
        builder.Running[0].Done.SetException(new InvalidOperationException("storage is down"));

        await Assert.ThrowsAsync<InvalidOperationException>(() => waiting);
        Assert.Same(first, await rebuilds.ServingAsync());
        Assert.Single(builder.Failures);

        rebuilds.Note(MatchChange.OfStartup("s2"));
        var retried = rebuilds.AwaitNotedAsync();
        builder.Finish(1, first);
        await retried;
        Assert.Equal(["s1,s2"], rebuilds.Current!.Built);
    }

    [Fact]
    public async Task Writes_that_arrive_while_a_rebuild_gathers_go_into_that_rebuild()
    {
        var builder = new Builder();
        var gathering = new TaskCompletionSource();
        var rebuilds = builder.Rebuilds(() => gathering.Task);
        builder.First.SetResult(new Table([]));
        await rebuilds.ServingAsync();

        rebuilds.Note(MatchChange.OfStartup("s1"));
        rebuilds.Note(MatchChange.OfStartup("s2"));
        var both = rebuilds.AwaitNotedAsync();
        Assert.Empty(builder.Running);

        gathering.SetResult();
        await Current(rebuilds, builder, 0);
        await both;
        Assert.Equal(["s1,s2"], rebuilds.Current!.Built);
        Assert.Single(builder.Running);
    }

    private static async Task<Table> Current(BackgroundRebuilds<Table> rebuilds, Builder builder, int index)
    {
        builder.Finish(index, rebuilds.Current!);
        // The rebuild's continuation runs when its task completes; the next one (if any) has started by then.
        await Task.Yield();
        return rebuilds.Current!;
    }

    [Fact]
    public void The_gathering_pause_grows_with_the_last_rebuild_between_its_bounds()
    {
        var pause = new GatherPause(TimeSpan.FromMilliseconds(200), 4, TimeSpan.FromSeconds(2));
        Assert.Equal(TimeSpan.FromMilliseconds(200), pause.For(TimeSpan.Zero));
        Assert.Equal(TimeSpan.FromMilliseconds(200), pause.For(TimeSpan.FromMilliseconds(30)));
        Assert.Equal(TimeSpan.FromMilliseconds(600), pause.For(TimeSpan.FromMilliseconds(150)));
        Assert.Equal(TimeSpan.FromSeconds(2), pause.For(TimeSpan.FromSeconds(3)));
    }
}
