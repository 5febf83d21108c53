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
        await eventGrain.ConfigureAsync(Samples.Event());
        await eventGrain.IndexParticipantsAsync(
        [
            new(ParticipantKind.Startup, "c", "Gamma"),
            new(ParticipantKind.Startup, "a", "Alpha"),
            new(ParticipantKind.Delegate, "d1", "Scout"),
            new(ParticipantKind.Startup, "b", "Beta"),
        ]);

        await fixture.Cluster.DeactivateAsync(eventGrain);
        var page = await eventGrain.ListParticipantsAsync(ParticipantKind.Startup, offset: 1, limit: 5);

        Assert.Equal(3, page.Total);
        Assert.Equal(["b", "c"], page.Items.Select(i => i.Id));
        Assert.Equal(["d1"], await eventGrain.GetParticipantIdsAsync(ParticipantKind.Delegate));
        Assert.Equal("Smart Life Week", (await eventGrain.GetConfigAsync())!.Name);
    }

    [Fact]
    public async Task Configuring_an_event_twice_reports_created_only_the_first_time()
    {
        var eventGrain = fixture.Grains.GetGrain<IEventGrain>(Samples.NewId("e"));

        Assert.True(await eventGrain.ConfigureAsync(Samples.Event()));
        Assert.False(await eventGrain.ConfigureAsync(Samples.Event(days: 3)));
        Assert.Equal(3, (await eventGrain.GetConfigAsync())!.Days.Count);
    }
}
