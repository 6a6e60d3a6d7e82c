using Testcontainers.PostgreSql;

namespace IncidentExchange.Testing;

/// <summary>A PostgreSQL server in a Docker container (used when a Docker engine answers).</summary>
internal static class ContainerPostgres
{
    private const string Image = "postgres:15";

    public static async Task<PostgresServer> StartNewAsync(CancellationToken ct)
    {
        var container = new PostgreSqlBuilder(Image)
            .WithUsername("postgres")
            .WithPassword("postgres")
            .WithDatabase("postgres")
            .Build();
        try
        {
            await container.StartAsync(ct).ConfigureAwait(false);
        }
        catch
        {
            await container.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return new PostgresServer(container.GetConnectionString(), container);
    }
}
