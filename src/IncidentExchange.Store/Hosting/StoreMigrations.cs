using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IncidentExchange.Store.Hosting;

/// <summary>
/// Migrates the store when the host starts, before any hosted service's <c>StartAsync</c> (it runs in
/// <see cref="IHostedLifecycleService.StartingAsync"/>), so nothing reads a schema older than the code.
/// </summary>
internal sealed class StoreMigrations(NodeStore store, ILogger<StoreMigrations> logger) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        var version = await store.MigrateAsync(cancellationToken);
        logger.LogInformation("Store: {Store}, schema version {Version}.", store.Description, version);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
