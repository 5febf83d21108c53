using Matchmaker.Model.Access;
using Matchmaker.Model.Domain;
using Matchmaker.Model.Grains;
using Matchmaker.Tests.Infrastructure;

namespace Matchmaker.Tests.Grains;

[Collection(ClusterCollection.Name)]
public sealed class StorageFailureTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_request_whose_write_failed_is_not_replayed_as_stored_by_a_retry_with_the_same_key()
    {
        var (eventId, startup) = await StartupAsync();
        var request = new NewRequest("scout", RequestSide.Startup, "Hello", "key-1", 5);
        var actor = Actor.ParticipantOf(eventId, ParticipantKind.Startup, "nuvi");

        FailingGrainStorage.FailNextWrites(startup.GetPrimaryKeyString());
        await Assert.ThrowsAnyAsync<Exception>(() => startup.RequestMeetingAsync(actor, request));
        Assert.Empty(await startup.GetRequestsAsync());

        var retry = await startup.RequestMeetingAsync(actor, request);
        Assert.True(retry.Created);
        await fixture.Cluster.DeactivateAsync(startup);
        Assert.Equal(RequestStatus.Pending, Assert.Single(await startup.GetRequestsAsync()).Status);
    }

    [Fact]
    public async Task An_accept_whose_write_failed_leaves_the_request_pending_until_an_accept_is_stored()
    {
        var (eventId, startup) = await StartupAsync();
        await startup.RequestMeetingAsync(Actor.ParticipantOf(eventId, ParticipantKind.Startup, "nuvi"),
            new NewRequest("scout", RequestSide.Startup, null, null, 5));
        var scout = Actor.ParticipantOf(eventId, ParticipantKind.Delegate, "scout");

        FailingGrainStorage.FailNextWrites(startup.GetPrimaryKeyString());
        await Assert.ThrowsAnyAsync<Exception>(() => startup.RespondAsync(scout, "scout", RequestAction.Accept, null));
        Assert.Equal(RequestStatus.Pending, Assert.Single(await startup.GetRequestsAsync()).Status);

        var accepted = await startup.RespondAsync(scout, "scout", RequestAction.Accept, null);
        await fixture.Cluster.DeactivateAsync(startup);
        Assert.Equal(RequestStatus.Accepted, accepted.Request!.Status);
        Assert.Equal(RequestStatus.Accepted, Assert.Single(await startup.GetRequestsAsync()).Status);
    }

    [Fact]
    public async Task A_profile_whose_write_failed_reads_back_as_it_was()
    {
        var (_, startup) = await StartupAsync();

        FailingGrainStorage.FailNextWrites(startup.GetPrimaryKeyString());
        await Assert.ThrowsAnyAsync<Exception>(() => startup.SaveAsync(Samples.Startup("Never Stored"), Availability.All));

        Assert.Equal("Nuvi Robotics", (await startup.GetAsync())!.Profile.Name);
    }

    [Fact]
    public async Task A_delegates_copy_lost_to_a_failure_is_repaired_on_the_startups_next_activation()
    {
        var (eventId, startup) = await StartupAsync();
        var scout = fixture.Grains.GetGrain<IDelegateGrain>(GrainKeys.Participant(eventId, "scout"));
        await scout.SaveAsync(Samples.Delegate(), Availability.All);

        // The startup stores the request; the copy to the delegate fails, as if the process died between the two writes.
        FailingGrainStorage.FailNextWrites(scout.GetPrimaryKeyString());
        var sent = await startup.RequestMeetingAsync(Actor.ParticipantOf(eventId, ParticipantKind.Startup, "nuvi"), new NewRequest("scout", RequestSide.Startup, null, null, 5));
        Assert.True(sent.Created);
        Assert.Empty(await scout.GetRequestsAsync());

        await fixture.Cluster.DeactivateAsync(startup);
        await startup.GetAsync();

        Assert.Equal("nuvi.scout", Assert.Single(await scout.GetRequestsAsync()).Id);
    }

    private async Task<(string EventId, IStartupGrain Startup)> StartupAsync()
    {
        var eventId = Samples.NewId("fail");
        var startup = fixture.Grains.GetGrain<IStartupGrain>(GrainKeys.Participant(eventId, "nuvi"));
        await startup.SaveAsync(Samples.Startup(), Availability.All);
        return (eventId, startup);
    }
}
