using IncidentExchange.Store.Deliveries;
using IncidentExchange.Store.Ledger;
using IncidentExchange.Store.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace IncidentExchange.Store.Tests.Hosting;

/// <summary>The store as a host registers it: options bound and validated, migrations at start, retention in the background.</summary>
public sealed class AddIncxStoreTests
{
    private readonly SqliteProvider _sqlite = new();
    private string _dataDirectory = "";

    [SetUp]
    public void MakeDataDirectory()
    {
        _dataDirectory = Path.Combine(Path.GetTempPath(), "incx-store-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dataDirectory);
    }

    [TearDown]
    public void RemoveDataDirectory()
    {
        Directory.Delete(_dataDirectory, recursive: true);
        _sqlite.Clean();
    }

    [Test]
    public async Task AddIncxStore_HostStarts_SqliteFileInTheDataDirectoryMigratedAndUsable()
    {
        using var host = Build(new() { ["Incx:DataDirectory"] = _dataDirectory });

        await host.StartAsync();
        var entries = await host.Services.GetRequiredService<ILedgerStore>().ReserveAsync("ee", [new Reservation(Guid.CreateVersion7().ToString(), 1, "h", DateTimeOffset.UtcNow)]);
        await host.StopAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(File.Exists(Path.Combine(_dataDirectory, "incx.db")), Is.True);
            Assert.That(entries[0].Sequence, Is.EqualTo(1));
            Assert.That(host.Services.GetRequiredService<INodeStore>().Ledger, Is.SameAs(host.Services.GetRequiredService<ILedgerStore>()));
        }
    }

    [Test]
    public async Task AddIncxStore_Postgres_MigratesTheDatabaseAtStart()
    {
        var options = await new PostgresProvider().NewDatabaseAsync();
        using var host = Build(new() { ["Incx:Store:Provider"] = "postgres", ["Incx:Store:ConnectionString"] = options.ConnectionString });

        await host.StartAsync();
        var last = await host.Services.GetRequiredService<INodeStore>().Ledger.LastSequenceAsync("ee");
        await host.StopAsync();

        Assert.That(last, Is.Zero);
    }

    [Test]
    public void AddIncxStore_BadConfiguration_StartFailsWithOneSentencePerKey()
    {
        using var host = Build(new() { ["Incx:Store:Provider"] = "oracle", ["Incx:Store:Retention:Checks"] = "1.00:00:00" });

        var refused = Assert.ThrowsAsync<OptionsValidationException>(async () => await host.StartAsync());

        Assert.That(refused.Failures, Is.EqualTo(new[]
        {
            "Incx:Store:Provider 'oracle' is not known; use sqlite (the default) or postgres.",
            "Incx:Store:Retention:Checks must be at least 7.00:00:00 (the longest check timeout), e.g. 400.00:00:00.",
        }));
    }

    [Test]
    public async Task AddIncxStore_DatabaseNewerThanTheCode_StartRefused()
    {
        var options = await _sqlite.NewDatabaseAsync();
        await using (var database = NodeStore.CreateDatabase(options))
        {
            await Migrations.SchemaMigrator.MigrateAsync(database, [.. Migrations.MigrationScripts.For("sqlite"), new(2, "future", "CREATE TABLE future (id INTEGER)")], TimeProvider.System, CancellationToken.None);
        }

        using var host = Build(new() { ["Incx:Store:SqlitePath"] = options.SqlitePath });

        Assert.That(async () => await host.StartAsync(), Throws.TypeOf<StoreVersionException>().With.Message.Contains("newer than this gateway knows (1)"));
    }

    [Test]
    public async Task StoreCompaction_EveryInterval_RemovesPagesPastRetention()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        var logs = new CapturedLogs();
        using var host = Build(new() { ["Incx:DataDirectory"] = _dataDirectory, ["Incx:Store:Retention:CompactEvery"] = "00:10:00" }, time, logs);
        await host.StartAsync();
        var deliveries = host.Services.GetRequiredService<IDeliveryStore>();
        var id = Guid.CreateVersion7().ToString();
        await deliveries.ExpectAsync(new ExpectedDelivery(id, 1, 1, time.GetUtcNow(), ["fr"]));

        var compacted = logs.WaitForAsync("Store retention: removed 1 delivery pages", TimeSpan.FromSeconds(60));
        time.Advance(TimeSpan.FromDays(400) + TimeSpan.FromMinutes(10));
        await compacted;
        var page = await deliveries.FindAsync(id, 1);
        await host.StopAsync();

        Assert.That(page, Is.Null);
    }

    private static IHost Build(Dictionary<string, string?> configuration, TimeProvider? time = null, ILoggerProvider? logs = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(configuration);
        if (time is not null)
        {
            builder.Services.AddSingleton(time);
        }

        if (logs is not null)
        {
            builder.Logging.AddProvider(logs);
        }

        builder.AddIncxStore();
        return builder.Build();
    }
}
