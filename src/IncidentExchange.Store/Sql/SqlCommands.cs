using System.Data.Common;

namespace IncidentExchange.Store.Sql;

/// <summary>Parameterised commands in either dialect: both providers take <c>@name</c> placeholders.</summary>
internal static class SqlCommands
{
    public static DbCommand Command(this DbConnection connection, DbTransaction? transaction, string text, params (string Name, object? Value)[] args)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = text;
        foreach (var (name, value) in args)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@" + name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    public static async Task<int> ExecuteAsync(this DbTransaction transaction, string text, CancellationToken cancellationToken, params (string Name, object? Value)[] args)
    {
        await using var command = transaction.Connection!.Command(transaction, text, args);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static Task<object?> ScalarAsync(this DbTransaction transaction, string text, CancellationToken cancellationToken, params (string Name, object? Value)[] args) =>
        transaction.Connection!.ScalarAsync(transaction, text, cancellationToken, args);

    public static async Task<object?> ScalarAsync(this DbConnection connection, DbTransaction? transaction, string text, CancellationToken cancellationToken, params (string Name, object? Value)[] args)
    {
        await using var command = connection.Command(transaction, text, args);
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is DBNull ? null : value;
    }

    /// <summary>Runs a query and maps every row.</summary>
    public static async Task<List<T>> ListAsync<T>(this DbConnection connection, DbTransaction? transaction, string text, Func<DbDataReader, T> map, CancellationToken cancellationToken, params (string Name, object? Value)[] args)
    {
        await using var command = connection.Command(transaction, text, args);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(map(reader));
        }

        return rows;
    }
}
