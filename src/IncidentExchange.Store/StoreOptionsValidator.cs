using Microsoft.Extensions.Options;
using Npgsql;

namespace IncidentExchange.Store;

/// <summary>Checks <see cref="StoreOptions"/> at start, with one sentence per problem that names the key.</summary>
public sealed class StoreOptionsValidator : IValidateOptions<StoreOptions>
{
    private const string Prefix = StoreOptions.SectionName + ":";

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, StoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        switch (options.Provider)
        {
            case StoreProviders.Sqlite:
                if (string.IsNullOrWhiteSpace(options.SqlitePath))
                {
                    errors.Add($"{Prefix}SqlitePath must name the SQLite file; by default it is {StoreOptions.SqliteFileName} in {StoreOptions.DataDirectoryKey}, which is not set.");
                }

                if (options.ConnectionString.Length > 0)
                {
                    // Most likely a node meant to share PostgreSQL that would silently run on its own file.
                    errors.Add($"{Prefix}ConnectionString is only used with {Prefix}Provider={StoreProviders.Postgres}; set the provider, or remove the connection string.");
                }

                break;
            case StoreProviders.Postgres:
                CheckConnectionString(options.ConnectionString, errors);
                break;
            default:
                errors.Add($"{Prefix}Provider '{options.Provider}' is not known; use {StoreProviders.Sqlite} (the default) or {StoreProviders.Postgres}.");
                break;
        }

        CheckRetention("Deliveries", options.Retention.Deliveries, "the longest acknowledgement deadline", errors);
        CheckRetention("Checks", options.Retention.Checks, "the longest check timeout", errors);
        if (options.Retention.CompactEvery < TimeSpan.FromMinutes(1) || options.Retention.CompactEvery > TimeSpan.FromDays(1))
        {
            errors.Add($"{Prefix}Retention:CompactEvery must be between 00:01:00 and 1.00:00:00.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void CheckConnectionString(string connectionString, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            errors.Add($"{Prefix}ConnectionString must be set when {Prefix}Provider is {StoreProviders.Postgres}.");
            return;
        }

        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            if (string.IsNullOrEmpty(builder.Host))
            {
                errors.Add($"{Prefix}ConnectionString must name the database server (Host=…).");
            }
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException)
        {
            // The builder names the offending keyword, never a value, so no password reaches the log.
            errors.Add($"{Prefix}ConnectionString is not a valid PostgreSQL connection string: {ex.Message}");
        }
    }

    private static void CheckRetention(string key, TimeSpan value, string reason, List<string> errors)
    {
        if (value < RetentionOptions.Minimum)
        {
            errors.Add($"{Prefix}Retention:{key} must be at least {RetentionOptions.Minimum:d\\.hh\\:mm\\:ss} ({reason}), e.g. 400.00:00:00.");
        }
    }
}
