namespace IncidentExchange.Store.Maintenance;

/// <summary>Keeps the store bounded by configuration (retention), not by how long the node has run.</summary>
public interface IStoreMaintenance
{
    /// <summary>
    /// Removes delivery pages of notices published, and checks sent, longer ago than their retention
    /// (<c>Incx:Store:Retention</c>), in short transactions so the node keeps working meanwhile.
    /// </summary>
    Task<CompactionResult> CompactAsync(CancellationToken cancellationToken = default);

    /// <summary>The store's size and oldest retained entries.</summary>
    Task<StoreGauges> GaugesAsync(CancellationToken cancellationToken = default);
}
