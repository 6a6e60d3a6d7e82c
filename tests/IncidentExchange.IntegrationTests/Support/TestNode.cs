using System.Diagnostics;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using IncidentExchange.Contracts.V1;
using IncidentExchange.Core.Access;
using IncidentExchange.Core.Crypto;
using IncidentExchange.Gateway.Hosting;
using IncidentExchange.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentExchange.IntegrationTests.Support;

/// <summary>
/// A real gateway for one test: its own node id, key, data folder and Kestrel port on loopback,
/// talking to a real broker. Restartable with the same key and data.
/// </summary>
public sealed class TestNode : IAsyncDisposable
{
    private static int _counter;
    private readonly Dictionary<string, string?> _settings;
    private WebApplication? _app;
    private Process? _process;
    private GrpcChannel? _channel;

    private TestNode(string nodeId, string directory, Dictionary<string, string?> settings)
    {
        NodeId = nodeId;
        Directory = directory;
        _settings = settings;
    }

    public string NodeId { get; }

    /// <summary>Folder with the node's keys and data.</summary>
    public string Directory { get; }

    public Uri Address { get; private set; } = null!;

    public IncidentGateway.IncidentGatewayClient Client { get; private set; } = null!;

    /// <summary>The points-of-contact directory API of this gateway.</summary>
    public PointsOfContact.PointsOfContactClient Contacts { get; private set; } = null!;

    public GrpcChannel Channel => _channel ?? throw new InvalidOperationException("The node is not running.");

    public IServiceProvider Services => _app?.Services ?? throw new InvalidOperationException("The node is not running in this process.");

    /// <summary>
    /// Starts the gateway as its own process (<c>dotnet incx-gateway.dll</c> with the settings as arguments),
    /// so a test can kill it without warning (<see cref="Kill"/>), as a crash or <c>kill -9</c> would.
    /// Its output goes to <c>gateway-process.log</c> in <see cref="Directory"/>.
    /// </summary>
    public async Task StartProcessAsync()
    {
        var port = PortAllocator.Allocate(1)[0];
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "incx-gateway.dll"));
        foreach (var (key, value) in _settings.Where(s => s.Key != "Kestrel:Endpoints:Grpc:Url"))
        {
            start.ArgumentList.Add($"--{key}={value}");
        }

        start.ArgumentList.Add($"--Kestrel:Endpoints:Grpc:Url=http://127.0.0.1:{port}");
        _process = Process.Start(start) ?? throw new InvalidOperationException("Cannot start the gateway process.");
        var log = Path.Combine(Directory, "gateway-process.log");
        _ = _process.StandardOutput.BaseStream.CopyToAsync(File.Open(log, FileMode.Append, FileAccess.Write, FileShare.ReadWrite));
        _ = _process.StandardError.BaseStream.CopyToAsync(File.Open(log + ".err", FileMode.Append, FileAccess.Write, FileShare.ReadWrite));
        Attach(new Uri($"http://127.0.0.1:{port}"));
        await WaitUntilServingAsync(TimeSpan.FromSeconds(60));
    }

    /// <summary>Kills the gateway process at once (SIGKILL): no graceful stop, no draining.</summary>
    public void Kill()
    {
        var process = _process ?? throw new InvalidOperationException("The gateway does not run as its own process.");
        process.Kill(entireProcessTree: true);
        process.WaitForExit(TimeSpan.FromSeconds(10));
        process.Dispose();
        _process = null;
        _channel?.Dispose();
        _channel = null;
    }

    private void Attach(Uri address)
    {
        Address = address;
        _channel = OpenChannel(Address, Token, CaFile);
        Client = new IncidentGateway.IncidentGatewayClient(_channel);
        Contacts = new PointsOfContact.PointsOfContactClient(_channel);
    }

    /// <summary>Starts a gateway for a fresh node on <paramref name="broker"/>.</summary>
    public static async Task<TestNode> StartAsync(RabbitBroker broker, Action<Dictionary<string, string?>>? configure = null, string? amqpUri = null, bool waitUntilServing = true)
    {
        var node = Create(broker, amqpUri: amqpUri);
        configure?.Invoke(node._settings);
        await node.StartAsync(waitUntilServing);
        return node;
    }

    /// <summary>Creates a node (key, folders, settings) without starting it, so peers can pin its key first.</summary>
    public static TestNode Create(RabbitBroker broker, string? nodeId = null, string? amqpUri = null)
    {
        ArgumentNullException.ThrowIfNull(broker);
        nodeId ??= $"t{Interlocked.Increment(ref _counter)}-{Guid.NewGuid().ToString("N")[..6]}";
        var directory = System.IO.Directory.CreateTempSubdirectory($"incx-node-{nodeId}-").FullName;
        using (var key = SigningKey.Generate())
        {
            KeyFiles.Write(Path.Combine(directory, "keys"), nodeId, key);
        }

        return Open(broker, nodeId, directory, amqpUri);
    }

    /// <summary>
    /// A node over a folder that already holds its key (<c>keys/&lt;node&gt;.key.json</c>) and data (<c>data/</c>),
    /// e.g. a copy of a committed data folder; not started. Disposing it deletes the folder.
    /// </summary>
    public static TestNode Open(RabbitBroker broker, string nodeId, string directory, string? amqpUri = null)
    {
        ArgumentNullException.ThrowIfNull(broker);
        var token = ClientTokens.Create(nodeId);
        var settings = new Dictionary<string, string?>
        {
            [$"Incx:Clients:{AdminClient}:TokenHash"] = ClientTokens.Hash(token),
            [$"Incx:Clients:{AdminClient}:Roles"] = "publisher,contact-point,operator",
            ["Incx:NodeId"] = nodeId,
            ["Incx:KeyFile"] = Path.Combine(directory, "keys", KeyFiles.PrivateFileName(nodeId)),
            ["Incx:DataDirectory"] = Path.Combine(directory, "data"),
            ["Incx:Broker:Uri"] = amqpUri ?? broker.AmqpUri,
            ["Incx:Broker:ManagementUri"] = broker.ManagementUri.ToString(),
            ["Kestrel:Endpoints:Grpc:Url"] = "http://127.0.0.1:0",
            ["Logging:LogLevel:Default"] = Environment.GetEnvironmentVariable("INCX_TEST_LOG_LEVEL") ?? "Warning",
            ["Logging:LogLevel:MassTransit"] = Environment.GetEnvironmentVariable("INCX_TEST_LOG_LEVEL") ?? "Warning",
        };
        return new TestNode(nodeId, directory, settings) { Token = token };
    }

    /// <summary>Name of the client every test node is configured with, holding all three roles.</summary>
    public const string AdminClient = "test-admin";

    /// <summary>Token of <see cref="AdminClient"/>; <see cref="Channel"/> and the CLI runs send it.</summary>
    public string Token { get; private init; } = "";

    /// <summary>Configures another client with <paramref name="roles"/> (before start); returns its token.</summary>
    public string AddClient(string name, string roles)
    {
        var token = ClientTokens.Create(NodeId);
        _settings[$"Incx:Clients:{name}:TokenHash"] = ClientTokens.Hash(token);
        _settings[$"Incx:Clients:{name}:Roles"] = roles;
        return token;
    }

    /// <summary>A new channel to this gateway that sends <paramref name="token"/> (none if null); dispose it.</summary>
    public GrpcChannel OpenChannel(string? token) => OpenChannel(Address, token, CaFile);

    /// <summary>For a gateway serving https: the PEM file of the CA its certificate chains to (set before start).</summary>
    public string? CaFile { get; set; }

    /// <summary>A new channel to the gateway at <paramref name="address"/> that sends <paramref name="token"/> (none if null); dispose it.</summary>
    public static GrpcChannel OpenChannel(Uri address, string? token, string? caFile = null)
    {
        var credentials = CallCredentials.FromInterceptor((_, metadata) =>
        {
            if (token is not null)
            {
                metadata.Add("authorization", "Bearer " + token);
            }

            return Task.CompletedTask;
        });
        return GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            Credentials = address.Scheme == Uri.UriSchemeHttps
                ? ChannelCredentials.Create(ChannelCredentials.SecureSsl, credentials)
                : ChannelCredentials.Create(ChannelCredentials.Insecure, credentials),
            UnsafeUseInsecureChannelCallCredentials = true,
            // The CLI's own validation: only certificates that chain to the given CA.
            HttpHandler = address.Scheme == Uri.UriSchemeHttps && caFile is not null ? IncidentExchange.Cli.Common.PrivateCa.Handler(caFile) : null,
        });
    }

    /// <summary>
    /// Registrations the in-process gateway gets after its own (set before <see cref="StartAsync(bool)"/>), e.g. one more
    /// payload type; not applied to a gateway started as its own process.
    /// </summary>
    public Action<IServiceCollection>? ConfigureServices { get; set; }

    /// <summary>Settings the gateway starts with; change them before <see cref="StartAsync(bool)"/>.</summary>
    public IDictionary<string, string?> Settings => _settings;

    /// <summary>Private key file this node was created with (Incx:KeyFile).</summary>
    public string PrivateKeyFile => Path.Combine(Directory, "keys", KeyFiles.PrivateFileName(NodeId));

    /// <summary>Public key file of this node, to pin at other nodes.</summary>
    public string PublicKeyFile => Path.Combine(Directory, "keys", KeyFiles.PublicFileName(NodeId));

    /// <summary>Starts (again) with the same key, data and settings; the port may change.</summary>
    public async Task StartAsync(bool waitUntilServing = true)
    {
        _app = GatewayApplication.Build([], _settings, ConfigureServices);
        await _app.StartAsync();
        var addresses = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()
            ?? throw new InvalidOperationException("Kestrel reported no addresses.");
        // The gRPC endpoint; a metrics endpoint (Incx:Telemetry:PrometheusUrl) may listen beside it.
        var metrics = _settings.GetValueOrDefault("Incx:Telemetry:PrometheusUrl") is { Length: > 0 } url ? new Uri(url).Port : -1;
        Attach(addresses.Addresses.Select(a => new Uri(a)).Single(a => a.Port != metrics));
        if (waitUntilServing)
        {
            await WaitUntilServingAsync();
        }
    }

    /// <summary>
    /// Waits (bounded) until the standard gRPC health service says SERVING for <paramref name="service"/>:
    /// "" is the node itself (broker reachable, MassTransit inbox consuming; a client that publishes before
    /// then may miss its own notices), <c>incx.v1.peer.&lt;node&gt;</c> one federation link.
    /// </summary>
    public async Task WaitUntilServingAsync(TimeSpan? timeout = null, string service = "")
    {
        var limit = timeout ?? TimeSpan.FromSeconds(30);
        var health = new Health.HealthClient(Channel);
        var deadline = DateTime.UtcNow + limit;
        var last = HealthCheckResponse.Types.ServingStatus.Unknown;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                last = (await health.CheckAsync(new HealthCheckRequest { Service = service }, deadline: DateTime.UtcNow.AddSeconds(15))).Status;
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.Unavailable)
            {
                // A gateway process still starting: nothing listens yet.
                last = HealthCheckResponse.Types.ServingStatus.Unknown;
            }

            if (last == HealthCheckResponse.Types.ServingStatus.Serving)
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"Gateway {NodeId} still reports {last} for '{service}' after {limit}.");
    }

    /// <summary>Stops the gateway; the broker and the node's files stay.</summary>
    public async Task StopAsync()
    {
        if (_process is not null)
        {
            Kill();
        }

        _channel?.Dispose();
        _channel = null;
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            _app = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
