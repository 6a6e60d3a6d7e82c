using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using IncidentExchange.Cli.Common;
using IncidentExchange.Contracts.V1;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace IncidentExchange.Cli.Commands;

/// <summary>Human output of the directory verbs; every value from the gateway is escaped, since peers write it.</summary>
internal static class ContactTables
{
    /// <summary>One row per node: who to call in a crisis and whether its record and keys are current.</summary>
    public static Table List(IEnumerable<DirectoryEntry> entries, DateTimeOffset now)
    {
        var table = new Table().AddColumns("node", "organisation", "crisis contact", "version", "keys valid", "last updated");
        foreach (var entry in entries)
        {
            var record = entry.Record;
            table.AddRow(
                Node(entry),
                record is null ? "-" : Markup.Escape(record.Organisation),
                record is null ? "-" : Markup.Escape(Crisis(record)),
                (record is null ? "no record" : record.Version.ToString(CultureInfo.InvariantCulture)) + (entry.Conflicts > 0 ? " [red](conflict)[/]" : ""),
                record is null ? $"pinned: {entry.PinnedKeyIds.Count}" : $"{KeyStatus.CountValid(record.Keys, now)} of {record.Keys.Count}",
                Utc(record?.IssuedAt));
        }

        return table;
    }

    /// <summary>Everything held about one node: the record's fields, its contacts and its keys with their state now.</summary>
    public static IRenderable Entry(DirectoryEntry entry, DateTimeOffset now)
    {
        var record = entry.Record;
        var fields = new Grid().AddColumn().AddColumn();
        fields.AddRow("node", Node(entry));
        fields.AddRow("organisation", record is null ? "-" : Markup.Escape(record.Organisation));
        fields.AddRow("country", record is { Country.Length: > 0 } ? Markup.Escape(record.Country) : "-");
        fields.AddRow("version", record is null ? "no record yet: the pinned keys are the whole trust" : record.Version.ToString(CultureInfo.InvariantCulture));
        fields.AddRow("issued at", Utc(record?.IssuedAt));
        fields.AddRow("signed by key", entry.SignedByKeyId.Length > 0 ? Markup.Escape(entry.SignedByKeyId) : "-");
        fields.AddRow("accepted at", Utc(entry.AcceptedAt));
        fields.AddRow("pinned keys", entry.PinnedKeyIds.Count > 0 ? Markup.Escape(string.Join(", ", entry.PinnedKeyIds)) : "-");
        fields.AddRow("conflicts", entry.Conflicts > 0 ? $"[red]{entry.Conflicts}[/] (records repeating the current version with other content, refused)" : "0");
        fields.AddRow("stale", entry.Stale.ToString(CultureInfo.InvariantCulture));
        if (record is null)
        {
            return fields;
        }

        var contacts = new Table().Title("contacts").AddColumns("role", "name", "email", "phone", "hours", "time zone", "languages");
        foreach (var c in record.Contacts)
        {
            contacts.AddRow(Role(c.Role), Markup.Escape(c.Name), Markup.Escape(c.Email), Markup.Escape(c.Phone), Markup.Escape(c.Hours), Markup.Escape(c.TimeZone), Markup.Escape(string.Join(", ", c.Languages)));
        }

        var keys = new Table().Title("keys").AddColumns("key id", "status", "not before", "not after", "revoked at");
        foreach (var k in record.Keys)
        {
            var revoked = k.RevokedAt is null ? "-" : $"{Utc(k.RevokedAt)} ({Markup.Escape(k.RevocationReason)})";
            keys.AddRow(Markup.Escape(k.KeyId), Status(KeyStatus.Of(k, now)), Utc(k.NotBefore), Utc(k.NotAfter), revoked);
        }

        return new Rows(fields, contacts, keys);
    }

    /// <summary>One row per accepted version of a node's record, oldest first.</summary>
    public static Table History(IEnumerable<ContactRecord> versions)
    {
        var table = new Table().AddColumns("version", "issued at", "organisation", "crisis contact", "key ids");
        foreach (var record in versions)
        {
            table.AddRow(
                record.Version.ToString(CultureInfo.InvariantCulture),
                Utc(record.IssuedAt),
                Markup.Escape(record.Organisation),
                Markup.Escape(Crisis(record)),
                Markup.Escape(string.Join(", ", record.Keys.Select(k => k.KeyId))));
        }

        return table;
    }

    /// <summary>A protobuf time as UTC to the second, or "-" when unset.</summary>
    public static string Utc(Timestamp? at) =>
        at is null ? "-" : at.ToDateTimeOffset().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    // Compact, for a table cell: "name <email> phone" with the empty parts left out.
    private static string Crisis(ContactRecord record)
    {
        var crisis = record.Contacts.FirstOrDefault(c => c.Role == ContactRole.Crisis);
        var parts = crisis is null ? [] : new[] { crisis.Name, crisis.Email.Length > 0 ? $"<{crisis.Email}>" : "", crisis.Phone };
        var text = string.Join(" ", parts.Where(p => p.Length > 0));
        return text.Length > 0 ? text : "-";
    }

    private static string Node(DirectoryEntry entry) => Markup.Escape(entry.NodeId) + (entry.Self ? " (this node)" : "");

    private static string Role(ContactRole role) => role switch
    {
        ContactRole.Technical => "technical",
        ContactRole.Crisis => "crisis",
        _ => "[grey]unspecified[/]",
    };

    private static string Status(string status) => status switch
    {
        KeyStatus.Valid => "[green]valid[/]",
        KeyStatus.NotYetValid => "[yellow]not-yet-valid[/]",
        KeyStatus.Expired => "[grey]expired[/]",
        _ => "[red]" + status + "[/]",
    };
}
