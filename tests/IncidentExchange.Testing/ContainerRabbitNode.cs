using System.Net.Http.Headers;
using System.Text;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Networks;
using Testcontainers.RabbitMq;

namespace IncidentExchange.Testing;

/// <summary>A RabbitMQ broker in a Docker container (used when a Docker engine answers).</summary>
internal sealed class ContainerRabbitNode : IBrokerBackend
{
    private const string Image = "rabbitmq:3.13-management";

    // All brokers of a test run share one network, so federation links can use the aliases.
    private static readonly Lazy<Task<INetwork>> Network = new(async () =>
    {
        var network = new NetworkBuilder().WithName($"incx-test-{Guid.NewGuid():N}").Build();
        await network.CreateAsync().ConfigureAwait(false);
        return network;
    });

    private static readonly TimeSpan ReadyLimit = TimeSpan.FromSeconds(90);

    private readonly RabbitMqContainer _container;
    private readonly Uri _managementUri;

    private ContainerRabbitNode(RabbitMqContainer container, Uri managementUri)
    {
        _container = container;
        _managementUri = managementUri;
    }

    public static async Task<RabbitBroker> StartNewAsync(string name, int[] hostPorts, CancellationToken ct)
    {
        var network = await Network.Value.ConfigureAwait(false);
        var alias = $"incx-{name.ToLowerInvariant()}";
        var plugins = "[rabbitmq_management,rabbitmq_federation,rabbitmq_federation_management,rabbitmq_stream].";
        var conf = $"cluster_name = {name}\nloopback_users = none\n";

        // Fixed host ports (not Docker's random ones) so they survive a stop/start of the container.
        var container = new RabbitMqBuilder(Image)
            .WithUsername("guest")
            .WithPassword("guest")
            .WithNetwork(network)
            .WithNetworkAliases(alias)
            .WithPortBinding(hostPorts[0], 5672)
            .WithPortBinding(hostPorts[1], 15672)
            .WithPortBinding(hostPorts[2], 5552)
            .WithResourceMapping(Encoding.ASCII.GetBytes(plugins), "/etc/rabbitmq/enabled_plugins")
            .WithResourceMapping(Encoding.ASCII.GetBytes(conf), "/etc/rabbitmq/conf.d/90-incx.conf")
            .Build();

        var backend = new ContainerRabbitNode(container, new Uri($"http://127.0.0.1:{hostPorts[1]}/"));
        try
        {
            await backend.StartAsync(ct).ConfigureAwait(false);
        }
        catch
        {
            await container.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return new RabbitBroker(name, hostPorts[0], hostPorts[1], hostPorts[2], $"amqp://guest:guest@{alias}:5672/", backend);
    }

    public async Task StartAsync(CancellationToken ct)
    {
        await _container.StartAsync(ct).ConfigureAwait(false);
        await WaitForManagementAsync(ct).ConfigureAwait(false);
    }

    public Task StopAsync(CancellationToken ct) => _container.StopAsync(ct);

    public ValueTask DisposeAsync() => _container.DisposeAsync();

    /// <summary>
    /// After a restart the old "startup complete" line is still in the container log, so
    /// wait for the management API to answer instead (it starts last).
    /// </summary>
    private async Task WaitForManagementAsync(CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = _managementUri, Timeout = TimeSpan.FromSeconds(5) };
        http.DefaultRequestHeaders.Authorization =
            new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.ASCII.GetBytes("guest:guest")));
        var deadline = DateTime.UtcNow + ReadyLimit;
        string last = "no answer";
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var response = await http.GetAsync(new Uri("api/overview", UriKind.Relative), ct).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }

                last = $"HTTP {(int)response.StatusCode}";
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                last = e.Message;
            }

            await Task.Delay(500, ct).ConfigureAwait(false);
        }

        throw new TimeoutException($"RabbitMQ container's management API at {_managementUri} did not answer within {ReadyLimit.TotalSeconds:0} s (last: {last}).");
    }
}
