using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Matchmaker.Benchmarks;

/// <summary>
/// GET matches under load against a running service (the demo event by default): a number of concurrent
/// clients ask for random delegates' and startups' matches for a fixed time; prints throughput and latency percentiles.
/// The organiser key comes from the MATCHMAKER_KEY environment variable.
/// </summary>
public static class MatchesLatencyBenchmark
{
    public static async Task RunAsync(Uri service, string eventId, int concurrency, TimeSpan duration)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency }) { BaseAddress = service };
        // The organiser key reads every participant's matches; the service prints the demo's at start.
        if (Environment.GetEnvironmentVariable("MATCHMAKER_KEY") is { Length: > 0 } key)
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        var delegates = await IdsAsync(http, $"/api/events/{eventId}/delegates");
        var startups = await IdsAsync(http, $"/api/events/{eventId}/startups");
        // Warm up: the first read builds the event's match table.
        (await http.GetAsync($"/api/events/{eventId}/delegates/{delegates[0]}/matches")).EnsureSuccessStatusCode();

        var latencies = new List<double>[concurrency];
        var failures = 0;
        var stop = DateTime.UtcNow + duration;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async worker =>
        {
            var random = new Random(worker);
            var mine = latencies[worker] = [];
            while (DateTime.UtcNow < stop)
            {
                var url = random.Next(2) == 0
                    ? $"/api/events/{eventId}/delegates/{delegates[random.Next(delegates.Count)]}/matches?limit=20"
                    : $"/api/events/{eventId}/startups/{startups[random.Next(startups.Count)]}/matches?limit=20";
                var started = Stopwatch.GetTimestamp();
                using var response = await http.GetAsync(url);
                await response.Content.ReadAsByteArrayAsync();
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (!response.IsSuccessStatusCode) Interlocked.Increment(ref failures);
            }
        }));
        var all = latencies.SelectMany(l => l).Order().ToArray();
        double P(double q) => all[Math.Min(all.Length - 1, (int)(q * all.Length))];
        Console.WriteLine("| concurrency | requests | failed | requests/s | p50 ms | p90 ms | p99 ms | max ms |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {concurrency} | {all.Length} | {failures} | {all.Length / clock.Elapsed.TotalSeconds:F0} | {P(0.5):F1} | {P(0.9):F1} | {P(0.99):F1} | {all[^1]:F1} |"));
    }

    private static async Task<List<string>> IdsAsync(HttpClient http, string path)
    {
        var page = await http.GetFromJsonAsync<JsonNode>($"{path}?limit=200") ?? throw new InvalidOperationException($"{path} answered nothing.");
        return page["items"]!.AsArray().Select(i => (string)i!["id"]!).ToList();
    }
}
