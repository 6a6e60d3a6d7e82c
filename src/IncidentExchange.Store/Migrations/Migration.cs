namespace IncidentExchange.Store.Migrations;

/// <summary>One numbered schema change: applied once, in its own transaction, and recorded in <c>schema_version</c>.</summary>
internal sealed record Migration(int Version, string Name, string Sql);
