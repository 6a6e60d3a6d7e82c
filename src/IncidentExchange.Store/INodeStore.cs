using IncidentExchange.Store.Checks;
using IncidentExchange.Store.Contacts;
using IncidentExchange.Store.Dedup;
using IncidentExchange.Store.Deliveries;
using IncidentExchange.Store.History;
using IncidentExchange.Store.Ledger;
using IncidentExchange.Store.Maintenance;
using IncidentExchange.Store.Subscriptions;

namespace IncidentExchange.Store;

/// <summary>
/// A node's state (DESIGN.md §8): one small interface per area, all in one database, so the data folder holds no
/// hand-made files and two gateways can share the state through PostgreSQL. Every operation is atomic on its own.
/// </summary>
public interface INodeStore
{
    /// <summary>Sequence numbers and idempotency of what this node publishes.</summary>
    ILedgerStore Ledger { get; }

    /// <summary>Intended recipients, receipts, acknowledgement deadlines and re-alerts of this node's notices.</summary>
    IDeliveryStore Deliveries { get; }

    /// <summary>Communication checks this node sent and their answers.</summary>
    ICheckStore Checks { get; }

    /// <summary>Accepted contact records as signed bytes, and this node's pending own record.</summary>
    IRecordStore Records { get; }

    /// <summary>Keys this node created by rotation.</summary>
    IKeyStore Keys { get; }

    /// <summary>The durable inbound dedup window.</summary>
    IDedupStore Dedup { get; }

    /// <summary>History copies not yet confirmed by the broker.</summary>
    IHistoryOutboxStore HistoryOutbox { get; }

    /// <summary>Durable subscription definitions.</summary>
    ISubscriptionStore Subscriptions { get; }

    /// <summary>Retention and gauges.</summary>
    IStoreMaintenance Maintenance { get; }
}
