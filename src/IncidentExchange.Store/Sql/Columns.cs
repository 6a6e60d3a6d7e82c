using System.Data.Common;

namespace IncidentExchange.Store.Sql;

/// <summary>Reads columns the same way from both providers (SQLite keeps booleans as integers, PostgreSQL as booleans).</summary>
internal static class Columns
{
    public static DateTimeOffset Time(this DbDataReader reader, int ordinal) => StoreTime.FromColumn(reader.GetInt64(ordinal));

    public static DateTimeOffset? TimeOrNull(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : StoreTime.FromColumn(reader.GetInt64(ordinal));

    public static string? TextOrNull(this DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static byte[]? BytesOrNull(this DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<byte[]>(ordinal);

    public static uint UInt32(this DbDataReader reader, int ordinal) => checked((uint)reader.GetInt64(ordinal));

    public static ulong UInt64(this DbDataReader reader, int ordinal) => checked((ulong)reader.GetInt64(ordinal));

    public static bool Flag(this DbDataReader reader, int ordinal) => reader.GetBoolean(ordinal);

    /// <summary>An unsigned number as the signed 64-bit column holds it (sequences stay far below 2^63).</summary>
    public static long Signed(ulong value) => checked((long)value);
}
