using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace IncidentExchange.Messaging.Federation;

/// <summary>
/// The few calls of the RabbitMQ management HTTP API a node needs to apply its federation
/// topology on its own broker. Every call is idempotent (PUT of the desired state).
/// </summary>
public sealed class ManagementApi(HttpClient http)
{
    private const string DefaultVhost = "%2F";

    /// <summary>Points the client at <paramref name="baseUri"/> with the broker's credentials.</summary>
    public static void Configure(HttpClient http, Uri baseUri, string user, string password)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.BaseAddress = baseUri;
        http.Timeout = TimeSpan.FromSeconds(10);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
    }

    /// <summary>Sets the broker's cluster name; federation uses it to detect loops, so it must differ per node.</summary>
    public Task SetClusterNameAsync(string name, CancellationToken cancellationToken) =>
        PutAsync("api/cluster-name", new JsonObject { ["name"] = name }, cancellationToken);

    /// <summary>Creates or updates the federation upstream <paramref name="name"/>.</summary>
    public Task PutUpstreamAsync(string name, JsonObject value, CancellationToken cancellationToken) =>
        PutAsync($"api/parameters/federation-upstream/{DefaultVhost}/{Uri.EscapeDataString(name)}", new JsonObject { ["value"] = value }, cancellationToken);

    /// <summary>Deletes the federation upstream <paramref name="name"/>; absent is fine.</summary>
    public async Task DeleteUpstreamAsync(string name, CancellationToken cancellationToken)
    {
        using var response = await http.DeleteAsync(new Uri($"api/parameters/federation-upstream/{DefaultVhost}/{Uri.EscapeDataString(name)}", UriKind.Relative), cancellationToken);
        if (!response.IsSuccessStatusCode && response.StatusCode != System.Net.HttpStatusCode.NotFound)
        {
            throw await FailureAsync(response, cancellationToken);
        }
    }

    /// <summary>Names of the federation upstreams defined on the broker.</summary>
    public async Task<IReadOnlyList<string>> ListUpstreamsAsync(CancellationToken cancellationToken)
    {
        var items = await GetArrayAsync($"api/parameters/federation-upstream/{DefaultVhost}", cancellationToken);
        return items.Select(item => item?["name"]?.GetValue<string>()).OfType<string>().ToArray();
    }

    /// <summary>Creates or updates the policy <paramref name="name"/>.</summary>
    public Task PutPolicyAsync(string name, string pattern, string applyTo, JsonObject definition, int priority, CancellationToken cancellationToken) =>
        PutAsync($"api/policies/{DefaultVhost}/{Uri.EscapeDataString(name)}", new JsonObject
        {
            ["pattern"] = pattern,
            ["apply-to"] = applyTo,
            ["definition"] = definition,
            ["priority"] = priority,
        }, cancellationToken);

    /// <summary>Status of every federation link on the broker, by upstream name.</summary>
    public async Task<IReadOnlyDictionary<string, string>> GetLinkStatesAsync(CancellationToken cancellationToken)
    {
        var items = await GetArrayAsync($"api/federation-links/{DefaultVhost}", cancellationToken);
        var states = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (item?["upstream"]?.GetValue<string>() is { } upstream)
            {
                states[upstream] = item["status"]?.GetValue<string>() ?? "unknown";
            }
        }

        return states;
    }

    /// <summary>Queues whose name starts with <paramref name="prefix"/>: name, arguments, messages (ready + unacknowledged), consumers.</summary>
    public async Task<IReadOnlyList<QueueInfo>> ListQueuesAsync(string prefix, CancellationToken cancellationToken)
    {
        var items = await GetArrayAsync($"api/queues/{DefaultVhost}?columns=name,arguments,messages,consumers", cancellationToken);
        return items
            .Select(item => new QueueInfo(
                item?["name"]?.GetValue<string>() ?? "",
                item?["arguments"] as JsonObject ?? [],
                item?["messages"]?.GetValue<long>() ?? 0,
                item?["consumers"]?.GetValue<int>() ?? 0))
            .Where(q => q.Name.StartsWith(prefix, StringComparison.Ordinal))
            .ToArray();
    }

    private async Task<JsonArray> GetArrayAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative), cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw await FailureAsync(response, cancellationToken);
        }

        return await response.Content.ReadFromJsonAsync<JsonArray>(cancellationToken) ?? [];
    }

    private async Task PutAsync(string path, JsonObject body, CancellationToken cancellationToken)
    {
        using var content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await http.PutAsync(new Uri(path, UriKind.Relative), content, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw await FailureAsync(response, cancellationToken);
        }
    }

    private static async Task<HttpRequestException> FailureAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        string? reason = null;
        try
        {
            reason = JsonNode.Parse(text)?["reason"]?.GetValue<string>();
        }
        catch (JsonException)
        {
            // Not JSON: the status line says enough.
        }

        return new HttpRequestException(
            $"The broker's management API refused {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath} with {(int)response.StatusCode}{(reason is null ? "" : ": " + reason)}.",
            null,
            response.StatusCode);
    }
}
