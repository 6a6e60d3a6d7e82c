using IncidentExchange.Store.Tests.Contracts;
using IncidentExchange.Store.Tests.Support;

// The whole contract suite on SQLite: a fresh file per test.
namespace IncidentExchange.Store.Tests.Sqlite;

public sealed class SqliteLedger() : LedgerContract(new SqliteProvider());

public sealed class SqliteDelivery() : DeliveryContract(new SqliteProvider());

public sealed class SqliteCheck() : CheckContract(new SqliteProvider());

public sealed class SqliteContacts() : ContactsContract(new SqliteProvider());

public sealed class SqliteDedup() : DedupContract(new SqliteProvider());

public sealed class SqliteHistoryOutbox() : HistoryOutboxContract(new SqliteProvider());

public sealed class SqliteSubscription() : SubscriptionContract(new SqliteProvider());

public sealed class SqliteRetention() : RetentionContract(new SqliteProvider());

public sealed class SqliteMigration() : MigrationContract(new SqliteProvider());

public sealed class SqliteConcurrency() : ConcurrencyContract(new SqliteProvider());
