using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Matchmaker.Silo.Cli;

/// <summary>The CLI verbs that act on a running service talk to it over its own HTTP API, with the organiser key.</summary>
public sealed class ServiceClient : IDisposable
{
    private readonly HttpClient _http;

    public ServiceClient(Uri baseAddress, string? key)
    {
        _http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(2) };
        if (!string.IsNullOrEmpty(key)) _http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
    }

    /// <summary>The <c>--key</c> option the verbs share: the event's organiser key, by default from MATCHMAKER_KEY.</summary>
    public static System.CommandLine.Option<string?> KeyOption() => new("--key")
    {
        Description = "The event's organiser key (default: the MATCHMAKER_KEY environment variable).",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("MATCHMAKER_KEY"),
    };

    public async Task<(bool Ok, JsonNode? Body)> SendAsync(HttpRequestMessage request, CancellationToken cancel)
    {
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancel);
        }
        catch (HttpRequestException ex) when (ex.InnerException is SocketException || ex.HttpRequestError == HttpRequestError.ConnectionError)
        {
            throw new ServiceUnavailableException($"The service is not running at {_http.BaseAddress}: start it with `dotnet run --project Matchmaker.Silo` (or pass --url).");
        }
        var text = await response.Content.ReadAsStringAsync(cancel);
        JsonNode? body = null;
        try { body = text.Length > 0 ? JsonNode.Parse(text) : null; } catch (JsonException) { }
        return (response.IsSuccessStatusCode, body);
    }

    public Task<(bool Ok, JsonNode? Body)> GetAsync(string path, CancellationToken cancel) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Get, path), cancel);

    public Task<(bool Ok, JsonNode? Body)> PostAsync(string path, HttpContent? content, CancellationToken cancel) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = content }, cancel);

    /// <summary>A problem's title and detail, for printing.</summary>
    public static string Describe(JsonNode? problem) =>
        problem is null ? "no answer body" : $"{(string?)problem["title"]} {(string?)problem["detail"]}".Trim();

    public void Dispose() => _http.Dispose();
}

public sealed class ServiceUnavailableException(string message) : Exception(message);
