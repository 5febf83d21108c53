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

    public ValueTask InitializeAsync()
    {
        _factory = new MatchmakerFactory(storage.ConnectionString);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task After_a_meeting_starts_either_party_rates_it_and_a_second_word_replaces_the_first()
    {
        var (eventId, meeting, solo, scout) = await EventWithOneMeetingAsync(new DateOnly(2024, 3, 4));

        var first = await scout.PostAsJsonAsync($"/api/events/{eventId}/meetings/{meeting}/feedback", new { rating = 3 });
        var second = await scout.PostAsJsonAsync($"/api/events/{eventId}/meetings/{meeting}/feedback", new { by = "delegate", rating = 5, followUp = true });
        var startup = await solo.PostAsJsonAsync($"/api/events/{eventId}/meetings/{meeting}/feedback", new { noShow = true });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("delegate", (string?)(await first.ReadJsonAsync())["by"]);
        Assert.Equal(5, (int)(await second.ReadJsonAsync())["rating"]!);
        Assert.True((bool)(await startup.ReadJsonAsync())["noShow"]!);
    }

    [Fact]
    public async Task Feedback_before_the_meeting_starts_is_refused_with_its_start_time()
    {
        var (eventId, meeting, _, scout) = await EventWithOneMeetingAsync(new DateOnly(2099, 3, 4));

        var early = await scout.PostAsJsonAsync($"/api/events/{eventId}/meetings/{meeting}/feedback", new { by = "delegate", rating = 4 });

        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Contains("2099-03-04", (string?)(await early.ReadJsonAsync())["detail"]);
    }

    [Fact]
    public async Task Bad_feedback_and_unknown_meetings_are_named()
    {
        var (eventId, meeting, solo, _) = await EventWithOneMeetingAsync(new DateOnly(2024, 3, 4));

        var badRating = await solo.PostAsJsonAsync($"/api/events/{eventId}/meetings/{meeting}/feedback", new { by = "startup", rating = 9 });
        var unknown = await solo.PostAsJsonAsync($"/api/events/{eventId}/meetings/solo.nobody/feedback", new { by = "startup", rating = 4 });
        var noBody = await solo.PostAsync($"/api/events/{eventId}/meetings/{meeting}/feedback", JsonContent.Create(new { }));

        Assert.NotNull((await badRating.ReadJsonAsync())["errors"]!["rating"]);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noBody.StatusCode);
    }

    [Fact]
    public async Task Only_the_meetings_parties_rate_it_each_as_itself()
    {
        var (eventId, meeting, solo, scout) = await EventWithOneMeetingAsync(new DateOnly(2024, 3, 4));

        var startupAsDelegate = await solo.PostAsJsonAsync($"/api/events/{eventId}/meetings/{meeting}/feedback", new { by = "delegate", rating = 1 });
        var delegateAsStartup = await scout.PostAsJsonAsync($"/api/events/{eventId}/meetings/{meeting}/feedback", new { by = "startup", rating = 1 });

        Assert.Equal(HttpStatusCode.Forbidden, startupAsDelegate.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, delegateAsStartup.StatusCode);
    }

    private async Task<(string EventId, string MeetingId, HttpClient Solo, HttpClient Scout)> EventWithOneMeetingAsync(DateOnly day)
    {
        var (eventId, organiserKey) = await EventHost.CreateEventAsync(_factory, Samples.Event(days: 1) with { Days = [day] });
        var organiser = _factory.CreateClient(organiserKey);
        var solo = await organiser.PutJsonAsync($"/api/events/{eventId}/startups/solo", new { profile = Samples.Startup() });
        var scout = await organiser.PutJsonAsync($"/api/events/{eventId}/delegates/scout", new { profile = Samples.Delegate() });
        Assert.Equal("succeeded", (string?)(await BatchRuns.RunToEndAsync(organiser, eventId))["status"]);
        return (eventId, "solo.scout", _factory.CreateClient(await TokenAsync(solo)), _factory.CreateClient(await TokenAsync(scout)));
    }

    private static async Task<string> TokenAsync(HttpResponseMessage registered) =>
        (string)(await registered.ReadJsonAsync())["credentials"]!["token"]!;
}
