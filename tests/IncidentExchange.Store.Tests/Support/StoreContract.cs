using Microsoft.Extensions.Time.Testing;

namespace IncidentExchange.Store.Tests.Support;

/// <summary>
/// Base of every contract fixture: each test gets a fresh, migrated database of the provider under test and a fake
/// clock. Subclasses per provider (see <c>Sqlite/</c> and <c>Postgres/</c>) run the same tests.
/// </summary>
public abstract class StoreContract(IStoreProvider provider)
{
    /// <summary>An arbitrary, fixed start of time, so the tests read the same on any day.</summary>
    protected static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly List<NodeStore> _opened = [];
    private FakeTimeProvider? _time;
    private StoreOptions? _options;
    private NodeStore? _store;

    protected FakeTimeProvider Time => _time ?? throw new InvalidOperationException("No test is running.");

    protected StoreOptions Options => _options ?? throw new InvalidOperationException("No test is running.");

    /// <summary>The test's store, migrated.</summary>
    protected NodeStore Store => _store ?? throw new InvalidOperationException("No test is running.");

    [SetUp]
    public async Task OpenStore()
    {
        _time = new FakeTimeProvider(Start);
        _options = await provider.NewDatabaseAsync();
        _store = await OpenAsync();
    }

    [TearDown]
    public async Task CloseStores()
    {
        foreach (var store in _opened)
        {
            await store.DisposeAsync();
        }

        _opened.Clear();
        provider.Clean();
    }

    /// <summary>Another store on the same database (as a restarted gateway, or a second gateway, sees it), migrated.</summary>
    protected async Task<NodeStore> OpenAsync()
    {
        var store = Open();
        await store.MigrateAsync();
        return store;
    }

    /// <summary>Another store on the same database, not migrated.</summary>
    protected NodeStore Open()
    {
        var store = NodeStore.Open(Options, Time);
        _opened.Add(store);
        return store;
    }

    /// <summary>Options of another fresh, empty database of the provider under test (not migrated).</summary>
    protected Task<StoreOptions> NewDatabaseAsync() => provider.NewDatabaseAsync();

    /// <summary>A new notice id, unique in the run (the UUIDv7 form notices carry).</summary>
    protected static string NewId() => Guid.CreateVersion7().ToString("D");
}
