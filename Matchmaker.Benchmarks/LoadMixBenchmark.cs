using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Matchmaker.Silo.Hosting;

namespace Matchmaker.Benchmarks;

/// <summary>
/// A coffee break on the synthetic fair: one or several real service processes (each serving HTTP, one cluster on one
/// Azurite), every participant signed in with its own token, and a mix of what they do: browse matches 70 %, edit their
/// profile 10 %, send and answer requests 15 %, read their agenda 5 %. Concurrency rises in steps over the run; each step
/// reports throughput, p50 and p99 per endpoint and errors. Then, in the same run and at the top concurrency, GET matches
/// alone and /health alone, for the ratio of the two. Loopback only, bounded in time and in count.
/// </summary>
public static class LoadMixBenchmark
{
    private const string AdminKey = "mm_admin_loadbenchmark0000000000000000";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    private enum Op { Matches, Profile, Request, Answer, Agenda }

    private static readonly string[] Stages = Matchmaker.Model.Domain.Vocabulary.Stages.ToArray();

    public static async Task RunAsync(int startups, int delegates, int nodes, int[] steps, TimeSpan duration, TimeSpan alone)
    {
        var root = RepoRoot.Find();
        var data = Path.Combine(Path.GetTempPath(), "matchmaker-load-" + Guid.NewGuid().ToString("N"));
        await using var azurite = await AzuriteProcess.StartAsync(new AzuriteOptions(root, data, 22000, 22001, 22002));
        var cluster = "load-" + Guid.NewGuid().ToString("N")[..8];
        var services = new List<ServiceProcess>();
        try
        {
            for (var i = 0; i < nodes; i++)
                services.Add(await ServiceProcess.StartAsync(azurite.Options.ConnectionString, 22100 + i, 22200 + i, 22300 + i,
                    nodes == 1 ? [] : [$"--{MatchmakerCluster.ClusteringKey}={MatchmakerCluster.AzureTable}", $"--Orleans:ClusterId={cluster}",
                        "--Orleans:AdvertisedIP=127.0.0.1"]));
            var top = steps.Max();
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = top + 8, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
                { Timeout = TimeSpan.FromSeconds(60) };
            var fair = await SetUpAsync(http, services, startups, delegates);
            Console.WriteLine($"{nodes} node(s), {startups} × {delegates}, steps {string.Join(", ", steps)} for {duration.TotalSeconds:F0} s in all, " +
                              $"then matches alone and /health alone for {alone.TotalSeconds:F0} s each at {top}");
            Console.WriteLine();
            Console.WriteLine("| concurrency | endpoint | requests | requests/s | p50 ms | p99 ms | refused (409/429) | errors |");
            Console.WriteLine("|---|---|---|---|---|---|---|---|");
            var stepLength = duration / steps.Length;
            foreach (var concurrency in steps)
                Print(concurrency, await DriveAsync(http, services, fair, concurrency, stepLength, Mix));
            var matches = await DriveAsync(http, services, fair, top, alone, _ => Op.Matches);
            Print(top, matches, "matches alone");
            var health = await DriveAsync(http, services, fair, top, alone, null);
            Print(top, health, "/health alone");
            var ratio = matches.Requests / (double)health.Requests;
            Console.WriteLine();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"GET matches alone / /health alone at {top}: {ratio:P0}"));
        }
        finally
        {
            foreach (var service in services) await service.DisposeAsync();
            try { Directory.Delete(data, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>70 % browsing, 10 % profiles, 15 % requests and answers (half each), 5 % agendas.</summary>
    private static Op Mix(Random random) => random.Next(100) switch
    {
        < 70 => Op.Matches,
        < 80 => Op.Profile,
        < 88 => Op.Request,
        < 95 => Op.Answer,
        _ => Op.Agenda,
    };

    private sealed record Participant(string Id, bool IsStartup, string Token, JsonNode Body);

    private sealed record Fair(string EventId, Participant[] Startups, Participant[] Delegates);

    /// <summary>The event, every participant through the API (as an organiser's import would), and a first schedule.</summary>
    private static async Task<Fair> SetUpAsync(HttpClient http, List<ServiceProcess> services, int startups, int delegates)
    {
        var clock = Stopwatch.StartNew();
        var synthetic = SyntheticFair.Generate(startups, delegates, seed: 1);
        var eventId = $"load-{startups}x{delegates}";
        var created = await SendAsync(http, HttpMethod.Put, services[0].Url($"/api/events/{eventId}"), AdminKey, synthetic.Config with { RequestQuota = 20 });
        var organiserKey = (string)(await ReadAsync(created))["organiserKey"]!;

        var registered = new System.Collections.Concurrent.ConcurrentBag<Participant>();
        var bodies = synthetic.Startups.Select(s => (s.Id, IsStartup: true, Body: JsonSerializer.SerializeToNode(new { profile = s.Profile, availability = s.Availability }, Json)!))
            .Concat(synthetic.Delegates.Select(d => (d.Id, IsStartup: false, Body: JsonSerializer.SerializeToNode(new { profile = d.Profile, availability = d.Availability }, Json)!)))
            .ToList();
        await Parallel.ForEachAsync(bodies.Select((b, i) => (b, i)), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (item, _) =>
        {
            var (b, i) = item;
            var path = $"/api/events/{eventId}/{(b.IsStartup ? "startups" : "delegates")}/{b.Id}";
            var saved = await SendAsync(http, HttpMethod.Put, services[i % services.Count].Url(path), organiserKey, b.Body);
            registered.Add(new Participant(b.Id, b.IsStartup, (string)(await ReadAsync(saved))["credentials"]!["token"]!, b.Body));
        });

        var run = await ReadAsync(await SendAsync(http, HttpMethod.Post, services[0].Url($"/api/events/{eventId}/batch"), organiserKey));
        var runId = (int)run["runId"]!;
        while ((string?)(await ReadAsync(await SendAsync(http, HttpMethod.Get, services[0].Url($"/api/events/{eventId}/batch/{runId}"), organiserKey)))["status"] == "running")
            await Task.Delay(500);
        var all = registered.OrderBy(p => p.Id, StringComparer.Ordinal).ToArray();
        var fair = new Fair(eventId, all.Where(p => p.IsStartup).ToArray(), all.Where(p => !p.IsStartup).ToArray());
        // Every node reads once, so the first step does not time the first table build.
        foreach (var service in services)
            await ReadAsync(await SendAsync(http, HttpMethod.Get, service.Url($"/api/events/{eventId}/delegates/{fair.Delegates[0].Id}/matches?limit=20"), fair.Delegates[0].Token));
        Console.Error.WriteLine($"set up {all.Length} participants and a first schedule in {clock.Elapsed.TotalSeconds:F1} s");
        return fair;
    }

    /// <summary>What one phase measured: samples per endpoint, and how long the phase ran.</summary>
    private sealed record Phase(Dictionary<string, Samples> Endpoints, double Seconds)
    {
        public int Requests => Endpoints.Values.Sum(s => s.Count);
    }

    private sealed class Samples
    {
        public List<double> Milliseconds { get; } = [];
        public int Count => Milliseconds.Count;
        public int Refused;
        public int Errors;
    }

    /// <summary>Closed loop: each worker sends its next request when the last one is answered, spread over the nodes.</summary>
    private static async Task<Phase> DriveAsync(HttpClient http, List<ServiceProcess> services, Fair fair,
        int concurrency, TimeSpan length, Func<Random, Op>? choose)
    {
        var results = new Dictionary<string, Samples>();
        var stop = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async worker =>
        {
            var random = new Random(worker * 7919 + concurrency);
            var mine = new Dictionary<string, Samples>();
            var next = worker;
            while (stop.Elapsed < length)
            {
                var service = services[next++ % services.Count];
                var (name, request, acceptable) = choose is null
                    ? ("GET /health", new HttpRequestMessage(HttpMethod.Get, service.Url("/health")), (Func<HttpStatusCode, bool>)(_ => false))
                    : Build(service, fair, choose(random), random);
                if (!mine.TryGetValue(name, out var samples)) mine[name] = samples = new Samples();
                var started = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await http.SendAsync(request);
                    await response.Content.ReadAsByteArrayAsync();
                    samples.Milliseconds.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    if (acceptable(response.StatusCode)) samples.Refused++;
                    else if (!response.IsSuccessStatusCode) samples.Errors++;
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    samples.Milliseconds.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    samples.Errors++;
                }
            }
            lock (results)
                foreach (var (name, samples) in mine)
                {
                    if (!results.TryGetValue(name, out var total)) results[name] = total = new Samples();
                    total.Milliseconds.AddRange(samples.Milliseconds);
                    total.Refused += samples.Refused;
                    total.Errors += samples.Errors;
                }
        }));
        foreach (var samples in results.Values) samples.Milliseconds.Sort();
        return new Phase(results, stop.Elapsed.TotalSeconds);
    }

    /// <summary>One user action as its HTTP request; refusals the service gives by design (quota, already answered) are not errors.</summary>
    private static (string Name, HttpRequestMessage Request, Func<HttpStatusCode, bool> Refusal) Build(ServiceProcess service, Fair fair, Op op, Random random)
    {
        var startup = fair.Startups[random.Next(fair.Startups.Length)];
        var scout = fair.Delegates[random.Next(fair.Delegates.Length)];
        var byScout = random.Next(2) == 0;
        var me = byScout ? scout : startup;
        var side = me.IsStartup ? "startups" : "delegates";
        static bool ByDesign(HttpStatusCode status) => status is HttpStatusCode.Conflict or HttpStatusCode.TooManyRequests;
        switch (op)
        {
            case Op.Matches:
                return ($"GET {{side}}/{{id}}/matches", Message(HttpMethod.Get, service.Url($"/api/events/{fair.EventId}/{side}/{me.Id}/matches?limit=20"), me.Token), _ => false);
            case Op.Agenda:
                return ($"GET {{side}}/{{id}}/agenda", Message(HttpMethod.Get, service.Url($"/api/events/{fair.EventId}/{side}/{me.Id}/agenda"), me.Token), _ => false);
            case Op.Profile:
                // A stage or a daily cap: something the ranking or the scheduler reads, so the write has real work behind it.
                // The name stays: a rename also rewrites the event's index of names, which people seldom cause.
                var body = me.Body.DeepClone();
                var profile = body["profile"]!;
                if (me.IsStartup) profile["stage"] = Stages[random.Next(1, Stages.Length)];
                else profile["meetingsPerDayCap"] = random.Next(4, 7);
                return ($"PUT {{side}}/{{id}}", Message(HttpMethod.Put, service.Url($"/api/events/{fair.EventId}/{side}/{me.Id}"), me.Token, body), _ => false);
            case Op.Request:
                return ("POST requests", Message(HttpMethod.Post, service.Url($"/api/events/{fair.EventId}/requests"), startup.Token,
                    new { startupId = startup.Id, delegateId = scout.Id }), ByDesign);
            default:
                // The scout answers whatever it was sent; most pairs were never requested (404) or are answered (409).
                var action = random.Next(3) == 0 ? "decline" : "accept";
                return ($"POST requests/{{id}}/{action}", Message(HttpMethod.Post, service.Url($"/api/events/{fair.EventId}/requests/{startup.Id}.{scout.Id}/{action}"), scout.Token),
                    status => ByDesign(status) || status == HttpStatusCode.NotFound);
        }
    }

    private static HttpRequestMessage Message(HttpMethod method, Uri url, string credential, object? body = null)
    {
        var message = new HttpRequestMessage(method, url);
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", credential);
        if (body is not null) message.Content = JsonContent.Create(body, options: Json);
        return message;
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient http, HttpMethod method, Uri url, string credential, object? body = null) =>
        http.SendAsync(Message(method, url, credential, body));

    private static async Task<JsonNode> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }

    private static void Print(int concurrency, Phase phase, string? label = null)
    {
        var seconds = phase.Seconds;
        foreach (var (name, s) in phase.Endpoints.OrderByDescending(r => r.Value.Count))
        {
            double P(double q) => s.Count == 0 ? 0 : s.Milliseconds[Math.Min(s.Count - 1, (int)(q * s.Count))];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {concurrency}{(label is null ? "" : " (" + label + ")")} | {name} | {s.Count} | {s.Count / seconds:F0} | {P(0.5):F1} | {P(0.99):F1} | {s.Refused} | {s.Errors} |"));
        }
        if (label is null)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {concurrency} | **all** | {phase.Requests} | {phase.Requests / seconds:F0} | | | {phase.Endpoints.Values.Sum(v => v.Refused)} | {phase.Endpoints.Values.Sum(v => v.Errors)} |"));
    }

    /// <summary>The service built beside this benchmark, in its own process, with the benchmark's admin key and limits raised for one load source.</summary>
    private sealed class ServiceProcess : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly Uri _address;

        private ServiceProcess(Process process, Uri address) => (_process, _address) = (process, address);

        public Uri Url(string path) => new(_address, path);

        public static async Task<ServiceProcess> StartAsync(string storage, int httpPort, int siloPort, int gatewayPort, string[] extra)
        {
            var address = new Uri($"http://127.0.0.1:{httpPort}");
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var arg in new[]
                     {
                         Path.Combine(AppContext.BaseDirectory, "Matchmaker.Silo.dll"), "serve", "--urls", address.ToString(),
                         $"--ConnectionStrings:Storage={storage}", $"--Orleans:SiloPort={siloPort}", $"--Orleans:GatewayPort={gatewayPort}",
                         "--Demo:Seed=false", "--Mail:Development=false", $"--Identity:AdminKey={AdminKey}", "--Logging:LogLevel:Default=Warning",
                         // One machine plays thousands of people: the per-participant limits stay, the per-address ones are raised.
                         "--Identity:FailedCredentialsPerMinute=1000000", "--Identity:SignInsPerMinute=1000000",
                     }.Concat(extra))
                start.ArgumentList.Add(arg);
            var process = Process.Start(start)!;
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, e) => { if (e.Data is { } line && line.Contains("fail", StringComparison.OrdinalIgnoreCase)) Console.Error.WriteLine($"[{httpPort}] {line}"); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            using var probe = new HttpClient();
            var deadline = Stopwatch.StartNew();
            while (true)
            {
                if (process.HasExited) throw new InvalidOperationException($"The service on {httpPort} exited with {process.ExitCode} while starting.");
                try
                {
                    if ((await probe.GetAsync(new Uri(address, "/health"))).IsSuccessStatusCode) return new ServiceProcess(process, address);
                }
                catch (HttpRequestException) { }
                if (deadline.Elapsed > TimeSpan.FromMinutes(2)) throw new TimeoutException($"The service on {httpPort} did not answer /health within 2 minutes.");
                await Task.Delay(250);
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
            _process.Dispose();
        }
    }
}
