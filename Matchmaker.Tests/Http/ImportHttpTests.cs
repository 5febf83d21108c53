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
        Assert.Contains(errors, e => (int)e!["line"]! == 4 && (string?)e["column"] == "sectors");
        Assert.Contains(errors, e => (int)e!["line"]! == 5 && (string?)e["column"] == "stage");

        var nuvi = await (await _client.GetAsync($"/api/events/{_event}/startups/nuvi")).ReadJsonAsync();
        Assert.Equal("Nuvi Robotics", (string?)nuvi["profile"]!["name"]);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync($"/api/events/{_event}/startups/fresh")).StatusCode);
        Assert.Equal(1, (int)(await (await _client.GetAsync($"/api/events/{_event}/startups")).ReadJsonAsync())["total"]!);
    }

    private Task<HttpResponseMessage> ImportAsync(params string[] lines) =>
        _client.PostAsync($"/api/events/{_event}/import", new StringContent(string.Join("\n", lines), Encoding.UTF8, "text/csv"));
}
