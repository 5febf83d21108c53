using System.Net;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Matchmaker.Silo.Hosting;
using Matchmaker.Tests.Http;
using Matchmaker.Tests.Infrastructure;

namespace Matchmaker.Tests.Cluster;

/// <summary>Three real nodes in one cluster need the machine to themselves: a node starved long enough is voted dead.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClusterFaultCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "cluster-fault";
}

/// <summary>
/// Three real service processes joined into one cluster (Azure Table membership on one Azurite). Writes of every kind
/// go to all nodes while one is killed with SIGKILL, then a batch runs while the node that runs it is killed: no
/// acknowledged write is lost, the batch is finished by a survivor (woken by the batch's reminder) with exactly one new
/// published version, and each killed node starts again and rejoins.
/// </summary>
[Collection(ClusterFaultCollection.Name)]
public sealed class ClusterFaultTests(AzuriteFixture storage) : IAsyncLifetime
{
    private const int Nodes = 3;
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(4);
    private readonly string _clusterId = "fault-" + Guid.NewGuid().ToString("N")[..8];
    private readonly SiloProcess?[] _nodes = new SiloProcess?[Nodes];
    private int _next;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
            if (node is not null) await node.DisposeAsync();
    }

    [Fact]
    public async Task Killing_a_node_during_writes_and_another_during_a_batch_loses_no_acknowledged_write_and_publishes_one_version()
    {
        for (var i = 0; i < Nodes; i++) _nodes[i] = await StartNodeAsync();
        await WaitForActiveNodesAsync(Nodes);
        Log("three nodes active");

        var fair = await FairAsync();
        Log($"fair registered through every node, first schedule with {fair.Meetings.Count} meetings");

        // Writes of every kind, spread over the nodes; the third node is killed with SIGKILL while they run.
        var ledger = new Ledger();
        using (var stop = new CancellationTokenSource())
        {
            var writers = fair.Startups.Chunk(2).Select((owned, w) => Task.Run(() => WriteAsync(fair, owned, w, ledger, stop.Token))).ToList();
            await WaitUntilAsync(() => ledger.Acknowledged >= 40, "40 acknowledged writes before the kill");
            await _nodes[2]!.KillProcessGroupAsync();
            Log("node 2 killed during writes");
            var atKill = ledger.Acknowledged;
            await WaitUntilAsync(() => ledger.Acknowledged >= atKill + 40, "40 more acknowledged writes after the kill");
            await stop.CancelAsync();
            await Task.WhenAll(writers);
        }
        Assert.True(ledger.Count(Kind.Profile) > 0 && ledger.Count(Kind.Request) > 0 && ledger.Count(Kind.Accept) > 0 && ledger.Count(Kind.Feedback) > 0,
            $"every kind of write acknowledged at least once: {ledger.Summary()}");
        Log($"writes acknowledged/sent: {ledger.Summary()}");
        foreach (var survivor in new[] { 0, 1 }) await AssertEveryAcknowledgedWriteReadableAsync(_nodes[survivor]!, fair, ledger);
        Log("every acknowledged write read back from both survivors");

        // The killed node is voted dead by the others, starts again and rejoins; it reads what the others acknowledged.
        await WaitForDeadNodesAsync(1);
        Log("node 2 voted dead");
        await RestartAsync(2);
        Log("node 2 restarted and active");
        await AssertEveryAcknowledgedWriteReadableAsync(_nodes[2]!, fair, ledger);

        // A batch whose node dies before it publishes: a survivor finishes it with exactly one new version.
        var before = (int)(await ReadAsync(_nodes[0]!, $"/api/events/{fair.EventId}/schedule", fair.OrganiserKey))["version"]!;
        var started = await _nodes[0]!.SendAsync(HttpMethod.Post, $"/api/events/{fair.EventId}/batch", fair.OrganiserKey);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var runId = (int)(await started.ReadJsonAsync())["runId"]!;
        Assert.Equal(HeldRun, runId);
        var holding = -1;
        await WaitUntilAsync(() =>
        {
            holding = Array.FindIndex(_nodes, n => n!.Output.Contains($"Batch run {runId} of event {fair.EventId} holds"));
            return holding >= 0;
        }, "a node holding the batch before it publishes");
        await _nodes[holding]!.KillProcessGroupAsync();
        Log($"node {holding} killed while holding batch run {runId} before Publish");

        var survivors = Enumerable.Range(0, Nodes).Where(i => i != holding).ToArray();
        // Nobody calls the batch grain meanwhile: its watchdog reminder wakes it on a survivor, which resumes the run.
        await WaitUntilAsync(async () =>
            (int)(await ReadAsync(_nodes[survivors[0]]!, $"/api/events/{fair.EventId}/schedule", fair.OrganiserKey))["version"]! > before,
            "the interrupted batch to be resumed by its reminder and publish");
        Log("a survivor published the batch's schedule");
        var finished = await WaitForBatchAsync(_nodes[survivors[0]]!, fair, after: runId);
        Assert.Equal("succeeded", (string?)finished["status"]);
        Log($"batch run {finished["runId"]} ({finished["trigger"]}) published version {finished["version"]}");
        Assert.Equal(before + 1, (int)finished["version"]!);
        var runs = (await ReadAsync(_nodes[survivors[1]]!, $"/api/events/{fair.EventId}/batch", fair.OrganiserKey)).AsArray();
        Assert.Equal("interrupted", (string?)runs.Single(r => (int)r!["runId"]! == runId)!["status"]);
        Assert.Single(runs, r => (int)r!["runId"]! >= runId && (string?)r["status"] == "succeeded");
        foreach (var survivor in survivors)
            Assert.Equal(before + 1, (int)(await ReadAsync(_nodes[survivor]!, $"/api/events/{fair.EventId}/schedule", fair.OrganiserKey))["version"]!);

        await WaitForDeadNodesAsync(2);
        Log($"node {holding} voted dead");
        await RestartAsync(holding);
        Log($"node {holding} restarted and active");
        Assert.Equal(before + 1, (int)(await ReadAsync(_nodes[holding]!, $"/api/events/{fair.EventId}/schedule", fair.OrganiserKey))["version"]!);
        await AssertEveryAcknowledgedWriteReadableAsync(_nodes[holding]!, fair, ledger);
    }

    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();

    private void Log(string line) => TestContext.Current.TestOutputHelper?.WriteLine($"{_clock.Elapsed.TotalSeconds,6:F1} s  {line}");

    /// <summary>The run the test kills mid-way: run 1 gives the fair its first schedule, run 2 is held before it publishes.</summary>
    private const int HeldRun = 2;

    private Task<SiloProcess> StartNodeAsync() => SiloProcess.StartAsync(storage.ConnectionString, ownProcessGroup: true,
        $"{MatchmakerCluster.ClusteringKey}={MatchmakerCluster.AzureTable}", $"Orleans:ClusterId={_clusterId}", "Orleans:AdvertisedIP=127.0.0.1",
        // Shorter than Orleans' defaults so a dead node is voted out in seconds; not so short that a starved node is.
        "Orleans:ClusterMembership:ProbeTimeout=00:00:02", "Orleans:ClusterMembership:NumMissedProbesLimit=3",
        "Orleans:ClusterMembership:DeathVoteExpirationTimeout=00:00:40", "Orleans:ClusterMembership:TableRefreshTimeout=00:00:05",
        "Identity:RequestsPerMinute=100000", "Identity:FailedCredentialsPerMinute=100000", "Identity:SignInsPerMinute=100000",
        "Batch:HoldBefore=Publish", $"Batch:HoldRun={HeldRun}", "Batch:HoldSeconds=20");

    private async Task RestartAsync(int index)
    {
        await _nodes[index]!.DisposeAsync();
        _nodes[index] = await StartNodeAsync();
        await WaitForActiveNodesAsync(Nodes);
    }

    private SiloProcess NextLiveNode()
    {
        while (true)
        {
            var node = _nodes[Interlocked.Increment(ref _next) % Nodes];
            if (node is { HasExited: false }) return node;
        }
    }

    // --- the fair -------------------------------------------------------------------------------------------------

    private sealed record Fair(string EventId, string OrganiserKey, string[] Startups, string[] Delegates,
        Dictionary<string, string> Tokens, List<(string Meeting, string Startup, string Delegate)> Meetings);

    /// <summary>An event on a past day (so its meetings can be rated), participants registered through every node, and a first schedule.</summary>
    private async Task<Fair> FairAsync()
    {
        var eventId = Samples.NewId("fault");
        var created = await _nodes[0]!.SendAsync(HttpMethod.Put, $"/api/events/{eventId}", MatchmakerFactory.AdminKey,
            Samples.Event(days: 1) with { Days = [new DateOnly(2024, 3, 4)], RequestQuota = 20 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var organiserKey = (string)(await created.ReadJsonAsync())["organiserKey"]!;

        var startups = Enumerable.Range(0, 8).Select(i => $"s{i}").ToArray();
        var delegates = Enumerable.Range(0, 4).Select(i => $"d{i}").ToArray();
        var tokens = new Dictionary<string, string>();
        foreach (var (id, i) in startups.Concat(delegates).Select((id, i) => (id, i)))
        {
            var body = id[0] == 's' ? (object)new { profile = Samples.Startup($"{id} v0") } : new { profile = Samples.Delegate($"{id} v0") };
            var saved = await _nodes[i % Nodes]!.SendAsync(HttpMethod.Put, $"/api/events/{eventId}/{(id[0] == 's' ? "startups" : "delegates")}/{id}", organiserKey, body);
            Assert.Equal(HttpStatusCode.Created, saved.StatusCode);
            tokens[id] = (string)(await saved.ReadJsonAsync())["credentials"]!["token"]!;
        }

        var batch = await _nodes[1]!.SendAsync(HttpMethod.Post, $"/api/events/{eventId}/batch", organiserKey);
        Assert.Equal(HttpStatusCode.Accepted, batch.StatusCode);
        var fair = new Fair(eventId, organiserKey, startups, delegates, tokens, []);
        Assert.Equal("succeeded", (string?)(await WaitForBatchAsync(_nodes[2]!, fair, after: 0))["status"]);
        var schedule = await ReadAsync(_nodes[0]!, $"/api/events/{eventId}/schedule", organiserKey);
        fair.Meetings.AddRange(schedule["meetings"]!.AsArray().Select(m => ((string)m!["meetingId"]!, (string)m["startupId"]!, (string)m["delegateId"]!)));
        Assert.NotEmpty(fair.Meetings);
        return fair;
    }

    // --- writing --------------------------------------------------------------------------------------------------

    private enum Kind { Profile, Request, Accept, Feedback }

    /// <summary>Every write sent, in order, and whether it was acknowledged (a 2xx answer).</summary>
    private sealed class Ledger
    {
        private readonly List<(Kind Kind, string Key, int Value, bool Acknowledged)> _writes = [];

        public int Acknowledged { get { lock (_writes) return _writes.Count(w => w.Acknowledged); } }

        public int Count(Kind kind) { lock (_writes) return _writes.Count(w => w.Kind == kind && w.Acknowledged); }

        public void Record(Kind kind, string key, int value, bool acknowledged) { lock (_writes) _writes.Add((kind, key, value, acknowledged)); }

        /// <summary>The values a read may show for a key: the last acknowledged one, or any sent after it (which may have landed unanswered).</summary>
        public IReadOnlyList<(string Key, int[] Allowed)> Expectations(Kind kind)
        {
            lock (_writes)
                return _writes.Where(w => w.Kind == kind).GroupBy(w => w.Key)
                    .Select(g => (Key: g.Key, Writes: g.ToList()))
                    .Where(g => g.Writes.Any(w => w.Acknowledged))
                    .Select(g => (g.Key, g.Writes.Skip(g.Writes.FindLastIndex(w => w.Acknowledged)).Select(w => w.Value).ToArray()))
                    .ToList();
        }

        public string Summary() { lock (_writes) return string.Join(", ", _writes.GroupBy(w => w.Kind).Select(g => $"{g.Key}: {g.Count(w => w.Acknowledged)}/{g.Count()}")); }
    }

    /// <summary>One writer owns some startups: it updates their profiles, sends requests that their delegates accept, and rates their meetings.</summary>
    private async Task WriteAsync(Fair fair, string[] owned, int writer, Ledger ledger, CancellationToken stop)
    {
        var requested = new List<string>();
        var accepted = new HashSet<string>();
        var meetings = fair.Meetings.Where(m => owned.Contains(m.Startup)).ToList();
        var scheduled = fair.Meetings.Select(m => m.Meeting).ToHashSet();
        for (var round = 1; !stop.IsCancellationRequested; round++)
        {
            var startup = owned[round % owned.Length];
            await SendAsync(ledger, Kind.Profile, startup, round, HttpMethod.Put, $"/startups/{startup}", fair.OrganiserKey,
                new { profile = Samples.Startup($"{startup} v{round}") }, fair);

            var @delegate = fair.Delegates[(round + writer) % fair.Delegates.Length];
            var request = $"{startup}.{@delegate}";
            if (!scheduled.Contains(request) && !requested.Contains(request)
                && await SendAsync(ledger, Kind.Request, request, 1, HttpMethod.Post, "/requests", fair.Tokens[startup], new { startupId = startup, delegateId = @delegate }, fair))
                requested.Add(request);

            if (requested.FirstOrDefault(r => !accepted.Contains(r)) is { } open
                && await SendAsync(ledger, Kind.Accept, open, 1, HttpMethod.Post, $"/requests/{open}/accept", fair.Tokens[open.Split('.')[1]], null, fair))
                accepted.Add(open);

            if (meetings.Count > 0)
            {
                var meeting = meetings[round % meetings.Count];
                await SendAsync(ledger, Kind.Feedback, meeting.Meeting, round % 5 + 1, HttpMethod.Post, $"/meetings/{meeting.Meeting}/feedback",
                    fair.Tokens[meeting.Delegate], new { rating = round % 5 + 1 }, fair);
            }
        }
    }

    private async Task<bool> SendAsync(Ledger ledger, Kind kind, string key, int value, HttpMethod method, string path, string credential, object? body, Fair fair)
    {
        bool acknowledged;
        try
        {
            acknowledged = (await NextLiveNode().SendAsync(method, $"/api/events/{fair.EventId}{path}", credential, body)).IsSuccessStatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            acknowledged = false; // the node died under the request: not acknowledged, possibly stored
        }
        ledger.Record(kind, key, value, acknowledged);
        return acknowledged;
    }

    // --- reading --------------------------------------------------------------------------------------------------

    private static async Task AssertEveryAcknowledgedWriteReadableAsync(SiloProcess node, Fair fair, Ledger ledger)
    {
        var e = $"/api/events/{fair.EventId}";
        foreach (var (startup, allowed) in ledger.Expectations(Kind.Profile))
        {
            var name = (string)(await ReadAsync(node, $"{e}/startups/{startup}", fair.OrganiserKey))["profile"]!["name"]!;
            Assert.Contains(name, allowed.Select(v => $"{startup} v{v}"));
        }

        var requests = new Dictionary<string, string>();
        foreach (var startup in fair.Startups)
            foreach (var request in (await ReadAsync(node, $"{e}/startups/{startup}/requests", fair.OrganiserKey)).AsArray())
                requests[(string)request!["id"]!] = (string)request["status"]!;
        foreach (var (request, _) in ledger.Expectations(Kind.Request))
            Assert.True(requests.ContainsKey(request), $"acknowledged request {request} is missing");
        foreach (var (request, _) in ledger.Expectations(Kind.Accept))
            Assert.Equal("accepted", requests.GetValueOrDefault(request));

        var ratings = new Dictionary<string, int>();
        foreach (var @delegate in fair.Delegates)
            foreach (var feedback in (await ReadAsync(node, $"{e}/delegates/{@delegate}/export", fair.Tokens[@delegate]))["feedback"]!.AsArray())
                if ((string?)feedback!["by"] == "delegate") ratings[(string)feedback["meetingId"]!] = (int)feedback["rating"]!;
        foreach (var (meeting, allowed) in ledger.Expectations(Kind.Feedback))
        {
            Assert.True(ratings.TryGetValue(meeting, out var rating), $"acknowledged feedback on {meeting} is missing");
            Assert.Contains(rating, allowed);
        }
    }

    /// <summary>A read that waits out the seconds in which the cluster still routes to a dead node (an error then is not an answer).</summary>
    private static async Task<JsonNode> ReadAsync(SiloProcess node, string path, string credential)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            try
            {
                var response = await node.SendAsync(HttpMethod.Get, path, credential);
                if (response.IsSuccessStatusCode) return await response.ReadJsonAsync();
                Assert.True((int)response.StatusCode >= 500, $"GET {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException) { }
            Assert.True(DateTime.UtcNow < deadline, $"GET {path} did not answer within {Patience}.");
            await Task.Delay(250);
        }
    }

    /// <summary>The newest run after <paramref name="after"/>, once it has ended (a run found interrupted is resumed by a new one).</summary>
    private static async Task<JsonNode> WaitForBatchAsync(SiloProcess node, Fair fair, int after)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var runs = (await ReadAsync(node, $"/api/events/{fair.EventId}/batch", fair.OrganiserKey)).AsArray();
            if (runs.FirstOrDefault(r => (int)r!["runId"]! > after && (string?)r["status"] != "interrupted") is { } run && (string?)run["status"] != "running")
                return run;
            Assert.True(DateTime.UtcNow < deadline, $"no batch run after {after} ended within {Patience}: {runs.ToJsonString()}");
            await Task.Delay(500);
        }
    }

    // --- membership -----------------------------------------------------------------------------------------------

    private async Task<List<string>> MembershipStatusesAsync()
    {
        var table = new TableServiceClient(storage.ConnectionString).GetTableClient(MatchmakerCluster.MembershipTable);
        var statuses = new List<string>();
        try
        {
            await foreach (var row in table.QueryAsync<TableEntity>())
                if (row.GetString("DeploymentId") == _clusterId && row.GetString("Status") is { } status) statuses.Add(status);
        }
        catch (Azure.RequestFailedException ex) when (ex.Status == 404) { }
        return statuses;
    }

    private Task WaitForActiveNodesAsync(int count) =>
        WaitUntilAsync(async () => (await MembershipStatusesAsync()).Count(s => s == "Active") == count, $"{count} active nodes in the membership table");

    private Task WaitForDeadNodesAsync(int count) =>
        WaitUntilAsync(async () => (await MembershipStatusesAsync()).Count(s => s == "Dead") >= count, $"{count} nodes voted dead");

    private static Task WaitUntilAsync(Func<bool> condition, string what) => WaitUntilAsync(() => Task.FromResult(condition()), what);

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"waited {Patience} for {what}");
            await Task.Delay(250);
        }
    }
}
