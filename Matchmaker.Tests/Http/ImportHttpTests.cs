using System.Net;
using System.Text;
using Matchmaker.Tests.Infrastructure;

namespace Matchmaker.Tests.Http;

[Collection(StorageCollection.Name)]
public sealed class ImportHttpTests(AzuriteFixture storage) : IAsyncLifetime
{
    private EventHost _host = null!;
    private HttpClient _client = null!;
    private string _event = "";

    public async ValueTask InitializeAsync()
    {
        _host = await EventHost.StartAsync(storage);
        (_client, _event) = (_host.Client, _host.EventId);
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_good_file_registers_everyone_it_lists()
    {
        var response = await ImportAsync(
            "kind,id,name,sectors,stage,country,seeks,company,company_sector,interests",
            "startup,nuvi,Nuvi Robotics,hardware,seed,KOR,investment,,,",
            "startup,medi,MediLoop,health,series-a,USA,partnership,,,",
            "delegate,jpark,Jiwoo Park,,,,partnership,Samsung,hardware,hardware");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var startups = await (await _client.GetAsync($"/api/events/{_event}/startups")).ReadJsonAsync();
        Assert.Equal(2, (int)startups["total"]!);
        var scout = await (await _client.GetAsync($"/api/events/{_event}/delegates/jpark")).ReadJsonAsync();
        Assert.Equal("Samsung", (string?)scout["profile"]!["company"]);
    }

    [Fact]
    public async Task A_file_with_bad_rows_is_rejected_whole_listing_each_row_and_storage_is_unchanged()
    {
        (await _client.PutJsonAsync($"/api/events/{_event}/startups/nuvi", new { profile = Samples.Startup() })).EnsureSuccessStatusCode();

        var response = await ImportAsync(
            "kind,id,name,sectors,stage,country,seeks",
            "startup,nuvi,Renamed By Import,hardware,seed,KOR,investment",
            "startup,fresh,Fresh Co,hardware,seed,KOR,investment",
            "startup,broken,Broken Co,toys,seed,KOR,investment",
            "startup,late,Late Co,web,series-z,KOR,investment");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ReadJsonAsync();
        var errors = problem["errors"]!.AsArray();
        // Each problem is said in English and named by a code clients can tell apart; the phrase's inner template stays inside.
        Assert.Contains(errors, e => (int)e!["line"]! == 4 && (string?)e["column"] == "sectors"
            && (string?)e["code"] == "unknown-value-of" && ((string?)e["reason"])!.StartsWith("'") && e["said"] is null);
        Assert.Contains(errors, e => (int)e!["line"]! == 5 && (string?)e["column"] == "stage");

        var nuvi = await (await _client.GetAsync($"/api/events/{_event}/startups/nuvi")).ReadJsonAsync();
        Assert.Equal("Nuvi Robotics", (string?)nuvi["profile"]!["name"]);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync($"/api/events/{_event}/startups/fresh")).StatusCode);
        Assert.Equal(1, (int)(await (await _client.GetAsync($"/api/events/{_event}/startups")).ReadJsonAsync())["total"]!);
    }

    [Fact]
    public async Task Importing_the_same_file_twice_changes_nothing_and_tokens_are_given_once()
    {
        string[] file = ["kind,id,name,sectors,stage,country,seeks", "startup,twice,Twice Co,hardware,seed,KOR,investment"];

        var first = await (await ImportAsync(file)).ReadJsonAsync();
        var updated = (string)(await (await _client.GetAsync($"/api/events/{_event}/startups/twice")).ReadJsonAsync())["updatedAt"]!;
        var second = await (await ImportAsync(file)).ReadJsonAsync();

        var token = (string)first["newParticipants"]![0]!["token"]!;
        Assert.StartsWith("http", (string?)first["newParticipants"]![0]!["signInLink"]);
        Assert.Empty(second["newParticipants"]!.AsArray());
        Assert.Equal(updated, (string)(await (await _client.GetAsync($"/api/events/{_event}/startups/twice")).ReadJsonAsync())["updatedAt"]!);
        Assert.Equal(HttpStatusCode.OK, (await _host.Factory.CreateClient(token).GetAsync($"/api/events/{_event}/startups/twice/requests")).StatusCode);
    }

    [Fact]
    public async Task A_chunked_upload_over_the_limit_gets_413_and_stores_nothing()
    {
        var row = "startup,big{0},Big Co,hardware,seed,KOR,investment\n";
        var content = new PushStreamContentOfSize(17 * 1024 * 1024, "kind,id,name,sectors,stage,country,seeks\n", row);

        var response = await _client.PostAsync($"/api/events/{_event}/import", content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, (int)(await (await _client.GetAsync($"/api/events/{_event}/startups")).ReadJsonAsync())["total"]!);
    }

    /// <summary>A body sent without a length (chunked), so only reading it can find it too large.</summary>
    private sealed class PushStreamContentOfSize(long size, string header, string rowFormat) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            var written = 0L;
            var bytes = Encoding.UTF8.GetBytes(header);
            await stream.WriteAsync(bytes);
            for (var i = 0; written < size; i++)
            {
                bytes = Encoding.UTF8.GetBytes(string.Format(rowFormat, i));
                await stream.WriteAsync(bytes);
                written += bytes.Length;
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }

    private Task<HttpResponseMessage> ImportAsync(params string[] lines) =>
        _client.PostAsync($"/api/events/{_event}/import", new StringContent(string.Join("\n", lines), Encoding.UTF8, "text/csv"));
}
