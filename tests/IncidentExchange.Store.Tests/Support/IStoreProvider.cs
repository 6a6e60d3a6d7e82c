namespace IncidentExchange.Store.Tests.Support;

/// <summary>A provider the contract suite runs on: it hands out a fresh, empty database per test.</summary>
public interface IStoreProvider
{
    /// <summary>Options of a new, empty database no other test uses.</summary>
    Task<StoreOptions> NewDatabaseAsync();

    /// <summary>Removes what <see cref="NewDatabaseAsync"/> made for the test that just ended.</summary>
    void Clean();
}
