namespace IncidentExchange.Store.Tests.Support;

/// <summary>A fresh SQLite file per test, in a temporary folder of its own.</summary>
public sealed class SqliteProvider : IStoreProvider
{
    private readonly List<string> _folders = [];

    public Task<StoreOptions> NewDatabaseAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "incx-store-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        _folders.Add(folder);
        return Task.FromResult(new StoreOptions { Provider = StoreProviders.Sqlite, SqlitePath = Path.Combine(folder, StoreOptions.SqliteFileName) });
    }

    public void Clean()
    {
        foreach (var folder in _folders.Where(Directory.Exists))
        {
            Directory.Delete(folder, recursive: true);
        }

        _folders.Clear();
    }
}
