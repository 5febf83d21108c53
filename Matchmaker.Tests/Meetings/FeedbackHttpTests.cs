using System.Net;
using System.Net.Http.Json;
using Matchmaker.Tests.Batch;
using Matchmaker.Tests.Http;
using Matchmaker.Tests.Infrastructure;

namespace Matchmaker.Tests.Meetings;

[Collection(StorageCollection.Name)]
public sealed class FeedbackHttpTests(AzuriteFixture storage) : IAsyncLifetime
{
    private MatchmakerFactory _factory = null!;
    private HttpClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        _factory = new MatchmakerFactory(storage.ConnectionString);
        _client = _factory.CreateClient();
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task After_a_meeting_starts_either_party_rates_it_and_a_second_word_replaces_the_first()
    {
        var (eventId, meeting) = await EventWithOneMeetingAsync(new DateOnly(2024, 3, 4));

        var first = await _client.PostAsJsonAsync($"/api/events/{eventId}/meetings/{meeting}/feedback", new { by = "delegate", rating = 3 });
        var second = await _client.PostAsJsonAsync($"/api/events/{eventId}/meetings/{meeting}/feedback", new { by = "delegate", rating = 5, followUp = true });
        var startup = await _client.PostAsJsonAsync($"/api/events/{eventId}/meetings/{meeting}/feedback", new { by = "startup", noShow = true });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(5, (int)(await second.ReadJsonAsync())["rating"]!);
        Assert.True((bool)(await startup.ReadJsonAsync())["noShow"]!);
    }

    [Fact]
    public async Task Feedback_before_the_meeting_starts_is_refused_with_its_start_time()
    {
        var (eventId, meeting) = await EventWithOneMeetingAsync(new DateOnly(2099, 3, 4));

        var early = await _client.PostAsJsonAsync($"/api/events/{eventId}/meetings/{meeting}/feedback", new { by = "delegate", rating = 4 });

        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Contains("2099-03-04", (string?)(await early.ReadJsonAsync())["detail"]);
    }

    [Fact]
    public async Task Bad_feedback_and_unknown_meetings_are_named()
    {
        var (eventId, meeting) = await EventWithOneMeetingAsync(new DateOnly(2024, 3, 4));

        var badRating = await _client.PostAsJsonAsync($"/api/events/{eventId}/meetings/{meeting}/feedback", new { by = "startup", rating = 9 });
        var unknown = await _client.PostAsJsonAsync($"/api/events/{eventId}/meetings/solo.nobody/feedback", new { by = "startup", rating = 4 });
        var noBody = await _client.PostAsync($"/api/events/{eventId}/meetings/{meeting}/feedback", JsonContent.Create(new { }));

        Assert.NotNull((await badRating.ReadJsonAsync())["errors"]!["rating"]);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noBody.StatusCode);
    }

    private async Task<(string EventId, string MeetingId)> EventWithOneMeetingAsync(DateOnly day)
    {
        var eventId = Samples.NewId("fb");
        (await _client.PutJsonAsync($"/api/events/{eventId}", Samples.Event(days: 1) with { Days = [day] })).EnsureSuccessStatusCode();
        (await _client.PutJsonAsync($"/api/events/{eventId}/startups/solo", new { profile = Samples.Startup() })).EnsureSuccessStatusCode();
        (await _client.PutJsonAsync($"/api/events/{eventId}/delegates/scout", new { profile = Samples.Delegate() })).EnsureSuccessStatusCode();
        Assert.Equal("succeeded", (string?)(await BatchRuns.RunToEndAsync(_client, eventId))["status"]);
        return (eventId, "solo.scout");
    }
}
