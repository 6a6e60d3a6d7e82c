using IncidentExchange.Gateway.Configuration;
using IncidentExchange.Messaging;
using Microsoft.Extensions.Options;

namespace IncidentExchange.Gateway.Hosting;

/// <summary>Builds the gateway application; shared by <c>Program</c> and the integration tests so both run the same host.</summary>
public static class GatewayApplication
{
    /// <summary>Builds the gateway from <paramref name="args"/>, appsettings.json, environment variables and <paramref name="overrides"/> (highest precedence).</summary>
    /// <param name="args">Command-line arguments.</param>
    /// <param name="overrides">Settings that win over every other source.</param>
    /// <param name="services">Registrations added after the gateway's own, e.g. one more payload type (<c>AddIncxPayload</c>).</param>
    public static WebApplication Build(string[] args, IEnumerable<KeyValuePair<string, string?>>? overrides = null, Action<IServiceCollection>? services = null)
    {
        // Before anything runs concurrently (hosted services, Kestrel): Google.Protobuf's descriptor build is not thread-safe.
        GatewayDescriptors.BuildAll();
        // Content root = the install folder, so appsettings.json is found whatever the working directory.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        if (overrides is not null)
        {
            builder.Configuration.AddInMemoryCollection(overrides);
        }

        builder.AddIncxNode();
        builder.AddIncxMessaging();
        builder.AddIncxGrpc();
        builder.AddIncxTelemetry();
        services?.Invoke(builder.Services);

        var app = builder.Build();
        // First: a scrape on the metrics port is answered before any gRPC middleware sees it.
        app.UseIncxTelemetry();
        app.MapIncxGrpc();
        return app;
    }

    /// <summary>Validates every options class now; throws <see cref="OptionsValidationException"/> naming each bad key.</summary>
    public static void ValidateOptions(IServiceProvider services)
    {
        _ = services.GetRequiredService<IOptions<NodeOptions>>().Value;
        _ = services.GetRequiredService<IOptions<BrokerOptions>>().Value;
    }
}
