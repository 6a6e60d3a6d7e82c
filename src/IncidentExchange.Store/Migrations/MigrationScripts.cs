using System.Globalization;
using System.Text.RegularExpressions;

namespace IncidentExchange.Store.Migrations;

/// <summary>
/// The migrations of a provider: the embedded scripts <c>Migrations/&lt;Provider&gt;/NNNN_name.sql</c>, numbered
/// 1, 2, 3, … without gaps. A new version is one new script per provider (e.g. peers and client tokens, later).
/// </summary>
internal static partial class MigrationScripts
{
    public static IReadOnlyList<Migration> For(string provider)
    {
        var assembly = typeof(MigrationScripts).Assembly;
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            var match = ScriptName().Match(resource);
            if (!match.Success || !string.Equals(match.Groups["provider"].Value, provider, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            migrations.Add(new Migration(int.Parse(match.Groups["version"].Value, CultureInfo.InvariantCulture), match.Groups["name"].Value, reader.ReadToEnd()));
        }

        migrations.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (var i = 0; i < migrations.Count; i++)
        {
            // A gap or a repeat would make "the version of the database" mean different schemas: refuse to build on it.
            if (migrations[i].Version != i + 1)
            {
                throw new InvalidOperationException($"The {provider} migrations must be numbered 1, 2, 3, … without gaps; found {migrations[i].Version} at position {i + 1}.");
            }
        }

        return migrations;
    }

    [GeneratedRegex(@"^Migrations\.(?<provider>[A-Za-z]+)[/\\](?<version>\d{4})_(?<name>[a-z0-9_]+)\.sql$")]
    private static partial Regex ScriptName();
}
