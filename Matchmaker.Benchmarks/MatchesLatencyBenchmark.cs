using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Matchmaker.Benchmarks;

/// <summary>
/// GET matches under load against a running service (the demo event by default): a number of concurrent clients
/// ask for random delegates' and startups' matches for a fixed time while a writer edits random profiles at a fixed
/// rate; then the same clients ask GET /health for the same time with the same writes, so the two throughputs come
/// from one run on one machine state. Prints throughput and latency percentiles of both, and of the writes.
/// The organiser key comes from MATCHMAKER_KEY; with --fair the benchmark first creates a synthetic event through
/// the API with the instance admin key from MATCHMAKER_ADMIN_KEY and uses that event's organiser key.
/// </summary>
public static class MatchesLatencyBenchmark
{
    /// <param name="Duration">Per phase, split over <paramref name="Rounds"/>.</param>
    public sealed record Options(Uri Service, string EventId, int Concurrency, TimeSpan Duration, double WritesPerSecond, bool Health, (int Startups, int Delegates)? Fair, int Rounds = 1);

    private sealed record Phase(string Name, int Requests, int Failed, double Seconds, double[] Sorted)
    {
        public double PerSecond => Requests / Seconds;
        public double P(double q) => Sorted.Length == 0 ? 0 : Sorted[Math.Min(Sorted.Length - 1, (int)(q * Sorted.Length))];

        public static Phase Sum(Phase? a, Phase b) =>
            a is null ? b : new(b.Name, a.Requests + b.Requests, a.Failed + b.Failed, a.Seconds + b.Seconds, [.. a.Sorted.Concat(b.Sorted).Order()]);
    }

    public static async Task RunAsync(Options options)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.Concurrency + 4 }) { BaseAddress = options.Service };
        var eventId = options.EventId;
        if (options.Fair is var (s, d))
        {
            eventId = $"fair-{s}x{d}-{DateTime.UtcNow:HHmmss}";
            var organiserKey = await CreateFairAsync(http, eventId, s, d);
            // So later runs can measure the same event again (--event ID with MATCHMAKER_KEY) without creating it.
            Console.Error.WriteLine($"organiser key of {eventId}: {organiserKey}");
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", organiserKey);
        }
        else if (Environment.GetEnvironmentVariable("MATCHMAKER_KEY") is { Length: > 0 } key)
            // The organiser key reads every participant's matches; the service prints the demo's at start.
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);

        var delegates = await AllAsync(http, $"/api/events/{eventId}/delegates");
        var startups = await AllAsync(http, $"/api/events/{eventId}/startups");
        Console.Error.WriteLine($"event {eventId}: {startups.Count} startups × {delegates.Count} delegates");
        // Warm up: the first read builds the event's match table.
        var warm = Stopwatch.StartNew();
        (await http.GetAsync($"/api/events/{eventId}/delegates/{Id(delegates[0])}/matches")).EnsureSuccessStatusCode();
        Console.Error.WriteLine($"first table (full build, through the API): {warm.Elapsed.TotalSeconds:F2} s");

        var writes = new List<double>();
        var writeFailures = 0;
        using var stopWriting = new CancellationTokenSource();
        var writer = options.WritesPerSecond > 0 ? WriteAsync(http, eventId, startups, delegates, options.WritesPerSecond, writes, () => writeFailures++, stopWriting.Token) : Task.CompletedTask;

        // The phases alternate in short rounds, so a neighbour's load that comes and goes weighs on both alike.
        Func<Random, string> matchesUrl = random => random.Next(2) == 0
            ? $"/api/events/{eventId}/delegates/{Id(delegates[random.Next(delegates.Count)])}/matches?limit=20"
            : $"/api/events/{eventId}/startups/{Id(startups[random.Next(startups.Count)])}/matches?limit=20";
        Phase? matches = null, health = null;
        for (var round = 0; round < options.Rounds; round++)
        {
            matches = Phase.Sum(matches, await LoadAsync(http, "GET matches", options, round, matchesUrl));
            if (options.Health) health = Phase.Sum(health, await LoadAsync(http, "GET /health", options, round, _ => "/health"));
        }
        await stopWriting.CancelAsync();
        await writer;

        Console.WriteLine($"| event | writes/s | endpoint | concurrency | requests | failed | requests/s | p50 ms | p90 ms | p99 ms | max ms |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var phase in new[] { matches!, health }.OfType<Phase>())
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {startups.Count} × {delegates.Count} | {options.WritesPerSecond:0.#} | {phase.Name} | {options.Concurrency} | {phase.Requests} | {phase.Failed} | {phase.PerSecond:F0} | {phase.P(0.5):F1} | {phase.P(0.9):F1} | {phase.P(0.99):F1} | {phase.Sorted[^1]:F1} |"));
        if (health is not null)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"\nGET matches / GET /health throughput: {matches!.PerSecond / health.PerSecond:P0} ({options.Rounds} alternating rounds of {options.Duration.TotalSeconds / options.Rounds:0.#} s each)"));
        if (writes.Count > 0)
        {
            var sorted = writes.Order().ToArray();
            var phase = new Phase("PUT profile", sorted.Length, writeFailures, 0, sorted);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"profile writes: {sorted.Length} ({writeFailures} failed), p50 {phase.P(0.5):F1} ms, p99 {phase.P(0.99):F1} ms, max {sorted[^1]:F1} ms"));
        }
    }

    private static async Task<Phase> LoadAsync(HttpClient http, string name, Options options, int round, Func<Random, string> url)
    {
        var latencies = new List<double>[options.Concurrency];
        var failures = 0;
        var stop = DateTime.UtcNow + options.Duration / options.Rounds;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, options.Concurrency).Select(async worker =>
        {
            var random = new Random(worker + 1000 * round);
            var mine = latencies[worker] = [];
            while (DateTime.UtcNow < stop)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await http.GetAsync(url(random));
                await response.Content.ReadAsByteArrayAsync();
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (!response.IsSuccessStatusCode) Interlocked.Increment(ref failures);
            }
        }));
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new Phase(name, all.Length, failures, clock.Elapsed.TotalSeconds, all);
    }

    /// <summary>
    /// Profile edits at a fixed rate, alternating startups and delegates: each re-saves the participant as it is with
    /// one ranking input turned (a startup's stage, a delegate's interests), so every write really moves scores.
    /// </summary>
    private static async Task WriteAsync(HttpClient http, string eventId, List<JsonNode> startups, List<JsonNode> delegates, double perSecond,
        List<double> latencies, Action failed, CancellationToken stop)
    {
        var random = new Random(7);
        string[] stages = ["seed", "series-a", "series-b", "growth"];
        string[][] interests = [["semiconductor", "hardware"], ["health", "biotech"], ["software", "enterprise"], ["mobile", "games_video"]];
        var interval = TimeSpan.FromSeconds(1 / perSecond);
        var next = Stopwatch.GetTimestamp();
        var inFlight = new List<Task>();
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            var (kind, item) = i % 2 == 0 ? ("startups", startups[random.Next(startups.Count)]) : ("delegates", delegates[random.Next(delegates.Count)]);
            var profile = item["profile"]!.DeepClone().AsObject();
            if (kind == "startups") profile["stage"] = stages[random.Next(stages.Length)];
            else profile["interests"] = new JsonArray([.. interests[random.Next(interests.Length)].Select(v => (JsonNode)v)]);
            var body = new JsonObject { ["profile"] = profile, ["availability"] = item["availability"]?.DeepClone() };
            inFlight.Add(Task.Run(async () =>
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await http.PutAsJsonAsync($"/api/events/{eventId}/{kind}/{(string)item["id"]!}", body);
                lock (latencies) latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (!response.IsSuccessStatusCode) lock (latencies) failed();
            }));
            // An open loop: a slow write does not delay the next one.
            next += (long)(interval.TotalSeconds * Stopwatch.Frequency);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), next);
            if (wait > TimeSpan.Zero)
                try { await Task.Delay(wait, stop); } catch (OperationCanceledException) { break; }
        }
        await Task.WhenAll(inFlight);
    }

    /// <summary>As the API reads JSON: camelCase, enums by name.</summary>
    private static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase) },
    };

    private static string Id(JsonNode participant) => (string)participant["id"]!;

    private static async Task<List<JsonNode>> AllAsync(HttpClient http, string path)
    {
        var all = new List<JsonNode>();
        for (var offset = 0; ; offset += 200)
        {
            var page = await http.GetFromJsonAsync<JsonNode>($"{path}?offset={offset}&limit=200") ?? throw new InvalidOperationException($"{path} answered nothing.");
            var items = page["items"]!.AsArray();
            all.AddRange(items.Select(i => i!.DeepClone()));
            if (items.Count < 200) return all;
        }
    }

    /// <summary>
    /// The synthetic fair of the batch benchmark (same generator and seed), registered through the API like an
    /// organiser would, with its accepted requests sent and answered by the participants themselves.
    /// </summary>
    private static async Task<string> CreateFairAsync(HttpClient http, string eventId, int startupCount, int delegateCount)
    {
        var adminKey = Environment.GetEnvironmentVariable("MATCHMAKER_ADMIN_KEY") is { Length: > 0 } a ? a
            : throw new InvalidOperationException("--fair needs the instance admin key in MATCHMAKER_ADMIN_KEY (development: .data/admin-key).");
        var fair = SyntheticFair.Generate(startupCount, delegateCount, seed: 1);
        var clock = Stopwatch.StartNew();
        var created = await Send(HttpMethod.Put, $"/api/events/{eventId}", adminKey, fair.Config);
        var organiserKey = (string)created["organiserKey"]!;
        var tokens = new System.Collections.Concurrent.ConcurrentDictionary<string, string>();
        var registrations = fair.Startups.Select(s => ($"startups/{s.Id}", s.Id, (object)new { profile = s.Profile, availability = s.Availability }))
            .Concat(fair.Delegates.Select(d => ($"delegates/{d.Id}", d.Id, (object)new { profile = d.Profile, availability = d.Availability })));
        await Parallel.ForEachAsync(registrations, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (r, _) =>
            tokens[r.Item2] = (string)(await Send(HttpMethod.Put, $"/api/events/{eventId}/{r.Item1}", organiserKey, r.Item3))["credentials"]!["token"]!);
        var accepted = 0;
        await Parallel.ForEachAsync(fair.AcceptedRequests.GroupBy(r => r.StartupId), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (group, _) =>
        {
            foreach (var (startupId, delegateId) in group.Take(fair.Config.RequestQuota))
            {
                var sent = await SendOrNull(HttpMethod.Post, $"/api/events/{eventId}/requests", tokens[startupId], new { startupId, delegateId });
                if (sent?["id"] is not { } id) continue;
                if (await SendOrNull(HttpMethod.Post, $"/api/events/{eventId}/requests/{(string)id!}/accept", tokens[delegateId], new { }) is not null)
                    Interlocked.Increment(ref accepted);
            }
        });
        Console.Error.WriteLine($"created {eventId}: {fair.Startups.Count} startups, {fair.Delegates.Count} delegates, {accepted} accepted requests in {clock.Elapsed.TotalSeconds:F1} s");
        return organiserKey;

        async Task<JsonNode> Send(HttpMethod method, string path, string bearer, object body)
        {
            using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body, options: Json) };
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearer);
            using var response = await http.SendAsync(request);
            return response.IsSuccessStatusCode ? (await response.Content.ReadFromJsonAsync<JsonNode>())!
                : throw new InvalidOperationException($"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        async Task<JsonNode?> SendOrNull(HttpMethod method, string path, string bearer, object body)
        {
            using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body, options: Json) };
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearer);
            using var response = await http.SendAsync(request);
            if (!response.IsSuccessStatusCode) return null;
            return await response.Content.ReadFromJsonAsync<JsonNode>();
        }
    }
}
