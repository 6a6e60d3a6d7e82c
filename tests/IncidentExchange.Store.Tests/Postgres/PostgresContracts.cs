using IncidentExchange.Store.Tests.Contracts;
using IncidentExchange.Store.Tests.Support;

// The whole contract suite on a real PostgreSQL server started for the test run: a fresh database per test.
namespace IncidentExchange.Store.Tests.Postgres;

public sealed class PostgresLedger() : LedgerContract(new PostgresProvider());

public sealed class PostgresDelivery() : DeliveryContract(new PostgresProvider());

public sealed class PostgresCheck() : CheckContract(new PostgresProvider());

public sealed class PostgresContacts() : ContactsContract(new PostgresProvider());

public sealed class PostgresDedup() : DedupContract(new PostgresProvider());

public sealed class PostgresHistoryOutbox() : HistoryOutboxContract(new PostgresProvider());

public sealed class PostgresSubscription() : SubscriptionContract(new PostgresProvider());

public sealed class PostgresRetention() : RetentionContract(new PostgresProvider());

public sealed class PostgresMigration() : MigrationContract(new PostgresProvider());

public sealed class PostgresConcurrency() : ConcurrencyContract(new PostgresProvider());
