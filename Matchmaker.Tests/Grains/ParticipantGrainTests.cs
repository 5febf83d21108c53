using Matchmaker.Model.Access;
using Matchmaker.Model.Domain;
using Matchmaker.Model.Grains;
using Matchmaker.Tests.Infrastructure;

namespace Matchmaker.Tests.Grains;

[Collection(ClusterCollection.Name)]
public sealed class ParticipantGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_saved_startup_survives_deactivation_because_it_was_stored_before_the_answer()
    {
        var key = GrainKeys.Participant(Samples.NewId("e"), "nuvi");
        var grain = fixture.Grains.GetGrain<IStartupGrain>(key);

        await grain.SaveAsync(Samples.Startup(), new Availability([1, 2, 3]));
        await fixture.Cluster.DeactivateAsync(grain);
        var read = await fixture.Grains.GetGrain<IStartupGrain>(key).GetAsync();

        Assert.NotNull(read);
        Assert.Equal("nuvi", read.Id);
        Assert.Equal("Nuvi Robotics", read.Profile.Name);
        Assert.Equal(["hardware", "semiconductor"], read.Profile.Sectors);
        Assert.Equal([1, 2, 3], read.Availability.Slots!);
    }

    [Fact]
    public async Task A_delegate_that_never_registered_reads_as_null()
    {
        var grain = fixture.Grains.GetGrain<IDelegateGrain>(GrainKeys.Participant(Samples.NewId("e"), "nobody"));

        Assert.Null(await grain.GetAsync());
    }

    [Fact]
    public async Task The_event_index_lists_participants_in_id_order_in_pages_and_survives_deactivation()
    {
        var eventGrain = fixture.Grains.GetGrain<IEventGrain>(Samples.NewId("e"));
        await eventGrain.CreateAsync(Samples.Event(), Credentials.Hash("organiser"));
        await eventGrain.RegisterParticipantsAsync(
        [
            new(ParticipantKind.Startup, "c", "Gamma"),
            new(ParticipantKind.Startup, "a", "Alpha"),
            new(ParticipantKind.Delegate, "d1", "Scout"),
            new(ParticipantKind.Startup, "b", "Beta"),
        ], [], null);

        await fixture.Cluster.DeactivateAsync(eventGrain);
        var page = await eventGrain.ListParticipantsAsync(ParticipantKind.Startup, offset: 1, limit: 5);

        Assert.Equal(3, page.Total);
        Assert.Equal(["b", "c"], page.Items.Select(i => i.Id));
        Assert.Equal(["d1"], await eventGrain.GetParticipantIdsAsync(ParticipantKind.Delegate));
        Assert.Equal("Smart Life Week", (await eventGrain.GetConfigAsync())!.Name);
    }

    [Fact]
    public async Task Creating_an_event_twice_changes_nothing_the_second_time_and_keeps_the_first_key()
    {
        var eventGrain = fixture.Grains.GetGrain<IEventGrain>(Samples.NewId("e"));

        Assert.True(await eventGrain.CreateAsync(Samples.Event(), Credentials.Hash("first")));
        Assert.False(await eventGrain.CreateAsync(Samples.Event(days: 3), Credentials.Hash("second")));

        Assert.Equal(2, (await eventGrain.GetConfigAsync())!.Days.Count);
        Assert.Equal(ActorRole.Organiser, (await eventGrain.AuthenticateAsync(Credentials.Hash("first")))!.Role);
        Assert.Null(await eventGrain.AuthenticateAsync(Credentials.Hash("second")));
    }

    [Fact]
    public async Task Keys_that_orleans_tables_would_once_have_merged_stay_apart()
    {
        // '/' used to become '_' in the table key: event "x" + startup "p_q" and event "x_p" + startup "q" shared a row.
        var eventId = Samples.NewId("x");
        var first = fixture.Grains.GetGrain<IStartupGrain>(GrainKeys.Participant(eventId, "p_q"));
        var second = fixture.Grains.GetGrain<IStartupGrain>(GrainKeys.Participant(eventId + "_p", "q"));

        await first.SaveAsync(Samples.Startup("First"), Availability.All);
        await second.SaveAsync(Samples.Startup("Second"), Availability.All);
        await fixture.Cluster.DeactivateAsync(first);
        await fixture.Cluster.DeactivateAsync(second);

        Assert.Equal("First", (await first.GetAsync())!.Profile.Name);
        Assert.Equal("Second", (await second.GetAsync())!.Profile.Name);
    }

    [Fact]
    public async Task A_staged_import_stays_invisible_until_the_event_commits_it()
    {
        var eventId = Samples.NewId("imp");
        var eventGrain = fixture.Grains.GetGrain<IEventGrain>(eventId);
        await eventGrain.CreateAsync(Samples.Event(), Credentials.Hash("organiser"));
        var existing = fixture.Grains.GetGrain<IStartupGrain>(GrainKeys.Participant(eventId, "old"));
        await existing.SaveAsync(Samples.Startup("Before"), Availability.All);
        var fresh = fixture.Grains.GetGrain<IStartupGrain>(GrainKeys.Participant(eventId, "new"));

        // A crash after staging, before the commit: nothing of the file shows.
        await existing.StageAsync("import-1", Samples.Startup("After"), Availability.All);
        await fresh.StageAsync("import-1", Samples.Startup("Fresh"), Availability.All);
        await fixture.Cluster.DeactivateAsync(existing);
        Assert.Equal("Before", (await existing.GetAsync())!.Profile.Name);
        Assert.Null(await fresh.GetAsync());

        await eventGrain.RegisterParticipantsAsync([new(ParticipantKind.Startup, "new", "Fresh")], [], "import-1");
        Assert.Equal("After", (await existing.GetAsync())!.Profile.Name);
        Assert.Equal("Fresh", (await fresh.GetAsync())!.Profile.Name);
    }
}
