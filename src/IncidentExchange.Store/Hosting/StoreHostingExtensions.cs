using IncidentExchange.Store.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace IncidentExchange.Store;

/// <summary>Registers the node's store: options (validated at start), the chosen provider, migrations at start, background retention.</summary>
public static class StoreHostingExtensions
{
    /// <summary>
    /// Adds the store with its options bound from <c>Incx:Store</c>; the SQLite file defaults to
    /// <c>&lt;Incx:DataDirectory&gt;/incx.db</c>.
    /// </summary>
    public static IHostApplicationBuilder AddIncxStore(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        builder.Services.AddOptions<StoreOptions>()
            .Bind(configuration.GetSection(StoreOptions.SectionName))
            .PostConfigure(options =>
            {
                if (options.SqlitePath.Length == 0 && configuration[StoreOptions.DataDirectoryKey] is { Length: > 0 } data)
                {
                    options.SqlitePath = Path.Combine(data, StoreOptions.SqliteFileName);
                }
            });
        builder.Services.AddIncxStore();
        return builder;
    }

    /// <summary>
    /// Adds the store, its areas (<see cref="INodeStore"/> and each area interface) and its hosted services; the options
    /// come from whatever configures <see cref="StoreOptions"/> (<paramref name="configure"/>, or a binding of the caller).
    /// </summary>
    public static IServiceCollection AddIncxStore(this IServiceCollection services, Action<StoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<StoreOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StoreOptions>, StoreOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(provider => NodeStore.Open(provider.GetRequiredService<IOptions<StoreOptions>>().Value, provider.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<INodeStore>(provider => provider.GetRequiredService<NodeStore>());
        services.TryAddSingleton(provider => provider.GetRequiredService<INodeStore>().Ledger);
        services.TryAddSingleton(provider => provider.GetRequiredService<INodeStore>().Deliveries);
        services.TryAddSingleton(provider => provider.GetRequiredService<INodeStore>().Checks);
        services.TryAddSingleton(provider => provider.GetRequiredService<INodeStore>().Records);
        services.TryAddSingleton(provider => provider.GetRequiredService<INodeStore>().Keys);
        services.TryAddSingleton(provider => provider.GetRequiredService<INodeStore>().Dedup);
        services.TryAddSingleton(provider => provider.GetRequiredService<INodeStore>().HistoryOutbox);
        services.TryAddSingleton(provider => provider.GetRequiredService<INodeStore>().Subscriptions);
        services.TryAddSingleton(provider => provider.GetRequiredService<INodeStore>().Maintenance);
        // Registered first among the store's services: the schema is current before anything else starts.
        services.AddHostedService<StoreMigrations>();
        services.AddHostedService<StoreCompaction>();
        return services;
    }
}
