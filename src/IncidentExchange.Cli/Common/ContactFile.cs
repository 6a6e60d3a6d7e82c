using System.Text.Json;
using System.Text.Json.Serialization;
using IncidentExchange.Contracts.V1;

namespace IncidentExchange.Cli.Common;

/// <summary>
/// The file <c>incx contacts publish --file</c> reads: this node's organisation and contacts, as camelCase JSON.
/// <code>
/// {
///   "organisation": "CERT-FR (ANSSI)",
///   "country": "FR",
///   "contacts": [
///     { "role": "technical", "name": "CERT-FR duty desk", "email": "cert-fr@example.fr", "phone": "+33 1 00 00 00 00", "hours": "24/7", "timeZone": "Europe/Paris", "languages": ["fr", "en"] },
///     { "role": "crisis", "name": "Crisis cell duty officer", "email": "crisis@example.fr", "phone": "+33 1 00 00 00 01", "hours": "24/7", "timeZone": "Europe/Paris", "languages": ["fr", "en"] }
///   ]
/// }
/// </code>
/// <c>role</c> is <c>technical</c> or <c>crisis</c> in any case. Unknown properties are refused so that a misspelt one is
/// not silently dropped from a signed record. E-mail, phone, country and time zone are left to the gateway, which checks them
/// for every client, so there is one set of rules.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record ContactFile(string? Organisation, string? Country, IReadOnlyList<ContactFileEntry?>? Contacts)
{
    /// <summary>Reads and parses the file at <paramref name="path"/>; every problem is a <see cref="CliException"/> naming it.</summary>
    public static PublishContactsRequest Load(string path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new CliException("Give the contact file with --file.");
        }

        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new CliException($"Contact file '{path}' does not exist.");
        }

        return Parse(json, $"contact file '{path}'");
    }

    /// <summary>Parses the JSON text of a contact file; every problem is a <see cref="CliException"/> naming it.</summary>
    public static PublishContactsRequest Parse(string json) => Parse(json, "the contact file");

    private static PublishContactsRequest Parse(string json, string what)
    {
        var file = Deserialize(json, what) ?? throw new CliException($"{Capitalised(what)} holds null, not a JSON object.");
        if (string.IsNullOrWhiteSpace(file.Organisation))
        {
            throw new CliException($"{Capitalised(what)} has no organisation.");
        }

        var request = new PublishContactsRequest { Organisation = file.Organisation, Country = file.Country ?? "" };
        request.Contacts.Add((file.Contacts ?? []).Select((entry, index) => ToContact(entry, $"Contact {index + 1} in {what}")));
        return request;
    }

    private static ContactFile? Deserialize(string json, string what)
    {
        try
        {
            // Syntax first, on its own: a serializer error then always means a well-formed file of the wrong shape.
            JsonDocument.Parse(json).Dispose();
        }
        catch (JsonException ex)
        {
            // The reader's first sentence says what is wrong; the rest is its location again or advice about reader options.
            var reason = ex.Message.Split(". ")[0].Split(" LineNumber:")[0].TrimEnd('.');
            throw new CliException($"{Capitalised(what)} is not valid JSON{AtLine(ex)}: {char.ToLowerInvariant(reason[0])}{reason[1..]}.");
        }

        try
        {
            return JsonSerializer.Deserialize(json, ContactFileJson.Default.ContactFile);
        }
        catch (JsonException ex)
        {
            var path = ex.Path is { Length: > 2 } p ? p[2..] : "";
            if (path.Length == 0)
            {
                throw new CliException($"{Capitalised(what)} is not a JSON object.");
            }

            throw new CliException(IsKnown(path[(path.LastIndexOf('.') + 1)..])
                ? $"{Capitalised(what)} has a value of the wrong type for '{path}'{AtLine(ex)}."
                : $"{Capitalised(what)} has the unknown property '{path}'{AtLine(ex)}; known are organisation, country, contacts and, per contact, role, name, email, phone, hours, timeZone, languages.");
        }
    }

    private static Contact ToContact(ContactFileEntry? entry, string which)
    {
        if (entry is null)
        {
            throw new CliException($"{which} is null.");
        }

        var contact = new Contact
        {
            Role = entry.Role?.ToLowerInvariant() switch
            {
                "technical" => ContactRole.Technical,
                "crisis" => ContactRole.Crisis,
                null => throw new CliException($"{which} has no role; use technical or crisis."),
                _ => throw new CliException($"{which} has the unknown role '{entry.Role}'; use technical or crisis."),
            },
            Name = entry.Name ?? "",
            Email = entry.Email ?? "",
            Phone = entry.Phone ?? "",
            Hours = entry.Hours ?? "",
            TimeZone = entry.TimeZone ?? "",
        };
        contact.Languages.Add((entry.Languages ?? []).Select(l => l ?? throw new CliException($"{which} has null in its languages.")));
        return contact;
    }

    // Property names from the serializer's own metadata, so the list cannot drift from the records.
    private static bool IsKnown(string name) =>
        ContactFileJson.Default.ContactFile.Properties.Concat(ContactFileJson.Default.ContactFileEntry.Properties)
            .Any(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    private static string AtLine(JsonException ex) => ex.LineNumber is { } line ? $" at line {line + 1}" : "";

    private static string Capitalised(string text) => char.ToUpperInvariant(text[0]) + text[1..];
}

/// <summary>One entry of <see cref="ContactFile.Contacts"/>.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record ContactFileEntry(
    string? Role, string? Name, string? Email, string? Phone, string? Hours, string? TimeZone, IReadOnlyList<string?>? Languages);

/// <summary>Source-generated (reflection-free) JSON reading of <see cref="ContactFile"/>; names match case-insensitively.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(ContactFile))]
internal sealed partial class ContactFileJson : JsonSerializerContext;
