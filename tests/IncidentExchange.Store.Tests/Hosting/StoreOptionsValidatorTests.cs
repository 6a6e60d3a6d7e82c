namespace IncidentExchange.Store.Tests.Hosting;

public sealed class StoreOptionsValidatorTests
{
    [Test]
    public void Validate_Defaults_Succeed()
    {
        var result = Validate(new StoreOptions { SqlitePath = "/var/lib/incx/incx.db" });

        Assert.That(result.Succeeded, Is.True, result.FailureMessage);
    }

    [Test]
    public void Validate_Defaults_KeepReceiptsAndChecksFor400Days()
    {
        var retention = new StoreOptions().Retention;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(retention.Deliveries, Is.EqualTo(TimeSpan.FromDays(400)));
            Assert.That(retention.Checks, Is.EqualTo(TimeSpan.FromDays(400)));
            Assert.That(retention.CompactEvery, Is.EqualTo(TimeSpan.FromHours(1)));
        }
    }

    [TestCase("mysql", "Incx:Store:Provider 'mysql' is not known; use sqlite (the default) or postgres.")]
    [TestCase("Postgres", "Incx:Store:Provider 'Postgres' is not known; use sqlite (the default) or postgres.")]
    public void Validate_UnknownProvider_NamesTheKey(string provider, string expected)
    {
        Assert.That(Validate(new StoreOptions { Provider = provider, SqlitePath = "x.db" }).Failures, Is.EqualTo(new[] { expected }));
    }

    [Test]
    public void Validate_SqliteWithoutPath_SaysWhereTheDefaultComesFrom()
    {
        Assert.That(Validate(new StoreOptions()).Failures, Is.EqualTo(new[]
        {
            "Incx:Store:SqlitePath must name the SQLite file; by default it is incx.db in Incx:DataDirectory, which is not set.",
        }));
    }

    [Test]
    public void Validate_SqliteWithConnectionString_RefusedAsAForgottenProvider()
    {
        Assert.That(Validate(new StoreOptions { SqlitePath = "x.db", ConnectionString = "Host=db" }).Failures, Is.EqualTo(new[]
        {
            "Incx:Store:ConnectionString is only used with Incx:Store:Provider=postgres; set the provider, or remove the connection string.",
        }));
    }

    [TestCase("", "Incx:Store:ConnectionString must be set when Incx:Store:Provider is postgres.")]
    [TestCase("Database=incx", "Incx:Store:ConnectionString must name the database server (Host=…).")]
    public void Validate_PostgresWithoutServer_NamesTheKey(string connectionString, string expected)
    {
        Assert.That(Validate(new StoreOptions { Provider = "postgres", ConnectionString = connectionString }).Failures, Is.EqualTo(new[] { expected }));
    }

    [Test]
    public void Validate_PostgresConnectionStringWithUnknownKeyword_OneSentenceWithoutThePassword()
    {
        var failures = Validate(new StoreOptions { Provider = "postgres", ConnectionString = "Host=db;Password=s3cret;Colour=blue" }).Failures!.ToArray();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(failures, Has.Length.EqualTo(1));
            Assert.That(failures[0], Does.StartWith("Incx:Store:ConnectionString is not a valid PostgreSQL connection string: "));
            Assert.That(failures[0], Does.Not.Contain("s3cret"));
        }
    }

    [Test]
    public void Validate_RetentionTooShortAndCompactionTooRare_OneSentenceEach()
    {
        var options = new StoreOptions { SqlitePath = "x.db" };
        options.Retention.Deliveries = TimeSpan.FromDays(6);
        options.Retention.Checks = TimeSpan.Zero;
        options.Retention.CompactEvery = TimeSpan.FromDays(2);

        Assert.That(Validate(options).Failures, Is.EqualTo(new[]
        {
            "Incx:Store:Retention:Deliveries must be at least 7.00:00:00 (the longest acknowledgement deadline), e.g. 400.00:00:00.",
            "Incx:Store:Retention:Checks must be at least 7.00:00:00 (the longest check timeout), e.g. 400.00:00:00.",
            "Incx:Store:Retention:CompactEvery must be between 00:01:00 and 1.00:00:00.",
        }));
    }

    private static Microsoft.Extensions.Options.ValidateOptionsResult Validate(StoreOptions options) => new StoreOptionsValidator().Validate(null, options);
}
