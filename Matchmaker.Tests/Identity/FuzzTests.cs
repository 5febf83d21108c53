using System.Net;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Matchmaker.Tests.Http;
using Matchmaker.Tests.Infrastructure;

namespace Matchmaker.Tests.Identity;

/// <summary>
/// Property-based fuzzing of the HTTP surface (FsCheck): malformed JSON, CSV, paths, query values and headers.
/// Every case must get an answer below 500, and nothing stored may change. Each input is made invalid by
/// construction (an unknown field, a bad row, an unknown id, a wrong credential), so any change is a bug.
/// </summary>
[Collection(StorageCollection.Name)]
public sealed class FuzzTests(AzuriteFixture storage) : IAsyncLifetime
{
    private const int CasesPerProperty = 2_500;
    private EventHost _host = null!;

    public async ValueTask InitializeAsync()
    {
        _host = await EventHost.StartAsync(storage);
        await _host.AddStartupsAsync("keep");
        await _host.AddDelegatesAsync("scout");
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private static readonly Gen<string> Junk = Gen.OneOf(
        ArbMap.Default.GeneratorFor<string>().Where(s => s is not null && Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(s)) == s),
        Gen.Elements("", "null", "[]", "{}", "-1", "1e309", "\"", "\\u0000", "%00", "../..", "🙂", "=cmd|' /C calc'!A0",
            new string('a', 5000), "[null]", "{\"$type\":\"x\"}", "2027-13-45", "25:61", "NaN", "true"));

    [Fact]
    public async Task Malformed_json_bodies_never_get_a_5xx_and_change_nothing()
    {
        var before = await SnapshotAsync();
        var paths = new[] { "/startups/keep", "/delegates/scout", "", "/requests", "/meetings/keep.scout/feedback", "/requests/keep.scout/decline" };
        var cases = All(Gen.Elements(paths), Gen.Choose(0, 7), Junk, Junk);
        await RunAsync(cases, async c =>
        {
            var (path, mutation, a, b) = c;
            var valid = path.StartsWith("/startups") ? Serialize(new { profile = Samples.Startup() })
                : path.StartsWith("/delegates") ? Serialize(new { profile = Samples.Delegate() })
                : path.Length == 0 ? Serialize(Samples.Event()) : Serialize(new { startupId = "keep", delegateId = "scout" });
            var body = Mutate(valid, mutation, a, b);
            var method = path.Length == 0 || path.StartsWith("/startups") || path.StartsWith("/delegates") ? HttpMethod.Put : HttpMethod.Post;
            return await _host.Client.SendAsync(new HttpRequestMessage(method, _host.Url(path)) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
        });
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task Malformed_csv_never_gets_a_5xx_and_imports_nothing()
    {
        var before = await SnapshotAsync();
        var cases = All(Gen.ListOf(Gen.ListOf(Junk)), Gen.Elements("kind,id,name", "kind,id,name,sectors,stage,country,seeks", "", "\"kind\",\"id"), Gen.Constant(0), Gen.Constant(0));
        await RunAsync(cases, async c =>
        {
            var (rows, header, _, _) = c;
            // The last row's kind is never valid, so the whole file must be refused.
            var csv = header + "\n" + string.Join("\n", rows.Select(r => string.Join(",", r.Select(Quote)))) + "\nnot-a-kind,x,y";
            return await _host.Client.PostAsync(_host.Url("/import"), new StringContent(csv, Encoding.UTF8, "text/csv"));
        });
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task Odd_paths_and_query_values_never_get_a_5xx_and_change_nothing()
    {
        var before = await SnapshotAsync();
        var templates = new[]
        {
            "/api/events/{0}", "/api/events/{e}/startups/{0}", "/api/events/{e}/delegates/{0}/matches?limit={1}&sector={0}&stage={1}&country={0}",
            "/api/events/{e}/startups?offset={1}&limit={0}", "/api/events/{e}/requests/{0}/accept", "/api/events/{e}/requests/{0}.{1}/cancel",
            "/api/events/{e}/batch/{0}", "/api/events/{e}/startups/{0}/agenda.ics?feed={1}", "/signin?token={0}", "/api/events/{e}/{0}/{1}",
        };
        var cases = All(Gen.Elements(templates), Junk, Junk, Gen.Elements(HttpMethod.Get, HttpMethod.Post, HttpMethod.Delete, HttpMethod.Put));
        await RunAsync(cases, async c =>
        {
            var (template, a, b, method) = c;
            // NUL never reaches the app: Kestrel answers 400 itself, and the in-memory test client refuses to send it.
            var path = template.Replace("{e}", _host.EventId)
                .Replace("{0}", Uri.EscapeDataString(Cut(a).Replace("\0", ""))).Replace("{1}", Uri.EscapeDataString(Cut(b).Replace("\0", "")));
            // Writes go with the organiser's key to ids that do not exist, so none can succeed.
            if (method != HttpMethod.Get && !path.Contains("/requests/")) path = path.Replace("/startups/", "/startups/nobody-").Replace("/delegates/", "/delegates/nobody-");
            return await _host.Client.SendAsync(new HttpRequestMessage(method, path) { Content = method == HttpMethod.Get ? null : new StringContent("") });
        });
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task Odd_headers_never_get_a_5xx_and_change_nothing()
    {
        var before = await SnapshotAsync();
        var cases = All(Junk, Junk, Gen.Elements("Authorization", "Idempotency-Key", "Content-Type", "Accept", "Cookie"), Gen.Choose(0, 2));
        await RunAsync(cases, async c =>
        {
            var (value, other, header, target) = c;
            var request = target switch
            {
                0 => new HttpRequestMessage(HttpMethod.Get, _host.Url("/startups/keep/agenda")),
                1 => new HttpRequestMessage(HttpMethod.Post, _host.Url("/requests")) { Content = new StringContent(Serialize(new { startupId = "keep", delegateId = "scout", extra = other }), Encoding.UTF8, "application/json") },
                _ => new HttpRequestMessage(HttpMethod.Put, _host.Url("/startups/keep")) { Content = new StringContent(Serialize(new { profile = Samples.Startup(), unknownField = other }), Encoding.UTF8, "application/json") },
            };
            var clean = new string(Cut(value).Where(ch => ch >= 0x20 && ch < 0x7f).ToArray());
            if (header == "Authorization") request.Headers.TryAddWithoutValidation(header, "Bearer " + clean);
            else if (header == "Content-Type" && request.Content is not null) request.Content.Headers.TryAddWithoutValidation(header, clean);
            else if (header == "Cookie") request.Headers.TryAddWithoutValidation(header, "matchmaker_session=" + clean);
            else request.Headers.TryAddWithoutValidation(header, clean);
            // A wrong credential replaces the organiser's: sent from a client without one.
            var client = header is "Authorization" or "Cookie" ? _host.Anonymous : _host.Client;
            return await client.SendAsync(request);
        });
        Assert.Equal(before, await SnapshotAsync());
    }

    private static Gen<(TA, TB, TC, TD)> All<TA, TB, TC, TD>(Gen<TA> a, Gen<TB> b, Gen<TC> c, Gen<TD> d) =>
        from w in a from x in b from y in c from z in d select (w, x, y, z);

    private static async Task RunAsync<T>(Gen<T> cases, Func<T, Task<HttpResponseMessage>> send)
    {
        var property = Prop.ForAll(cases.ToArbitrary(), c =>
        {
            using var response = send(c).GetAwaiter().GetResult();
            return (int)response.StatusCode < 500;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(CasesPerProperty).WithQuietOnSuccess(true), property);
        await Task.CompletedTask;
    }

    /// <summary>What a user would notice changing: the sentinel participants, the event, the index and requests.</summary>
    private async Task<string> SnapshotAsync()
    {
        var parts = new List<string>();
        foreach (var path in new[] { "", "/startups/keep", "/delegates/scout", "/startups", "/delegates", "/startups/keep/requests" })
            parts.Add(await _host.Client.GetStringAsync(_host.Url(path)));
        return string.Join("\n", parts);
    }

    private static string Mutate(string valid, int mutation, string a, string b)
    {
        var cut = Math.Abs(a.Length * 7919 + b.Length) % Math.Max(1, valid.Length);
        // Every mutation leaves an unknown field or broken syntax, so no case is a valid write.
        return mutation switch
        {
            0 => valid[..cut],
            1 => valid.Insert(cut, a + "\u0001"),
            2 => valid.TrimEnd('}') + $",\"{Escape(a)}x\":\"{Escape(b)}\"}}",
            3 => valid.Replace("\"name\":", $"\"name\":{(a.Length % 2 == 0 ? "null" : "[" + a.Length + "]")},\"nameX\":"),
            4 => valid.TrimEnd('}') + ",\"availabilty\":[" + string.Join(",", Enumerable.Repeat(a.Length, 50)) + "]}",
            5 => valid.Replace("[", "[null,").TrimEnd('}') + ",\"zz\":1}",
            6 => new string('[', 200 + a.Length % 100) + valid,
            _ => a + valid + b + "\u0000",
        };
    }

    private static string Serialize(object value) => System.Text.Json.JsonSerializer.Serialize(value, HttpJson.Options);
    private static string Escape(string s) => System.Text.Json.JsonEncodedText.Encode(s).ToString();
    private static string Quote(string cell) => "\"" + cell.Replace("\"", "\"\"") + "\"";
    private static string Cut(string s) => s.Length > 300 ? s[..300] : s;
}
