using System.Text.RegularExpressions;
using IncidentExchange.Contracts.V1;
using IncidentExchange.Core.Crypto;
using IncidentExchange.Core.Failures;
using IncidentExchange.Core.Validation;
using IncidentExchange.Core.Wire;

namespace IncidentExchange.Core.Contacts;

/// <summary>
/// Checks a ContactRecord against the rules of protos/README.md. The same rules apply when a gateway
/// publishes its own record and when a node receives one.
/// </summary>
public static partial class ContactRecordValidator
{
    /// <summary>Returns every rule <paramref name="record"/> breaks, each as one sentence; empty if valid.</summary>
    public static IReadOnlyList<string> Validate(ContactRecord record) => FieldViolation.Sentences(Violations(record));

    /// <summary>Every rule <paramref name="record"/> breaks, each with the field it concerns (<c>contacts[0].email</c>); empty if valid.</summary>
    public static IReadOnlyList<FieldViolation> Violations(ContactRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var errors = new List<FieldViolation>();
        var size = record.CalculateSize();
        if (size > ContactLimits.MaxRecordBytes)
        {
            errors.Add("", $"The record is {size} bytes; at most {ContactLimits.MaxRecordBytes} are allowed.");
            return errors;
        }

        if (!NodeIds.IsValid(record.NodeId))
        {
            errors.Add("node_id", $"node_id '{record.NodeId}' is not a valid node id ({NodeIds.Rule}).");
        }

        if (record.Version == 0)
        {
            errors.Add("version", "version must be 1 or more.");
        }

        if (!WireTimes.IsSet(record.IssuedAt))
        {
            errors.Add("issued_at", "issued_at must be set.");
        }

        TextRules.Check("organisation", record.Organisation, ContactLimits.MaxOrganisationChars, required: false, multiline: false, errors);
        if (record.Country.Length > 0 && !CountryCode().IsMatch(record.Country))
        {
            errors.Add("country", $"country '{record.Country}' is not an uppercase ISO 3166-1 alpha-2 code.");
        }

        CheckContacts(record, errors);
        CheckKeys(record, errors);
        return errors;
    }

    private static void CheckContacts(ContactRecord record, List<FieldViolation> errors)
    {
        if (record.Contacts.Count > ContactLimits.MaxContacts)
        {
            errors.Add("contacts", $"{record.Contacts.Count} contacts given; at most {ContactLimits.MaxContacts} are allowed.");
            return;
        }

        for (var i = 0; i < record.Contacts.Count; i++)
        {
            var contact = record.Contacts[i];
            var name = $"contacts[{i}]";
            if (contact.Role == ContactRole.Unspecified || !Enum.IsDefined(contact.Role))
            {
                errors.Add($"{name}.role", $"{name}.role must be technical or crisis.");
            }

            TextRules.Check($"{name}.name", contact.Name, ContactLimits.MaxNameChars, required: true, multiline: false, errors);
            TextRules.Check($"{name}.hours", contact.Hours, ContactLimits.MaxHoursChars, required: false, multiline: false, errors);
            if (contact.Email.Length == 0 && contact.Phone.Length == 0)
            {
                errors.Add(name, $"{name} needs an email or a phone number.");
            }

            if (contact.Email.Length > 0 && (contact.Email.Length > ContactLimits.MaxEmailChars || !Email().IsMatch(contact.Email)))
            {
                errors.Add($"{name}.email", $"{name}.email '{Shorten(contact.Email)}' is not an e-mail address.");
            }

            if (contact.Phone.Length > 0 && !Phone().IsMatch(contact.Phone))
            {
                errors.Add($"{name}.phone", $"{name}.phone '{Shorten(contact.Phone)}' is not a phone number in international form (an optional +, then digits, spaces, - . ( ); 3 to {ContactLimits.MaxPhoneChars} characters after the +).");
            }

            if (contact.TimeZone.Length > 0 && (contact.TimeZone.Length > ContactLimits.MaxTimeZoneChars || !TimeZone().IsMatch(contact.TimeZone)))
            {
                errors.Add($"{name}.time_zone", $"{name}.time_zone '{Shorten(contact.TimeZone)}' is not an IANA time zone name.");
            }

            if (contact.Languages.Count > ContactLimits.MaxLanguages)
            {
                errors.Add($"{name}.languages", $"{name} lists {contact.Languages.Count} languages; at most {ContactLimits.MaxLanguages} are allowed.");
            }

            for (var j = 0; j < contact.Languages.Count; j++)
            {
                if (!Language().IsMatch(contact.Languages[j]))
                {
                    errors.Add($"{name}.languages[{j}]", $"{name} language '{Shorten(contact.Languages[j])}' is not a BCP 47 tag such as en or fr-CA.");
                }
            }
        }
    }

    private static void CheckKeys(ContactRecord record, List<FieldViolation> errors)
    {
        if (record.Keys.Count is 0 or > ContactLimits.MaxKeys)
        {
            errors.Add("keys", $"A record lists 1 to {ContactLimits.MaxKeys} keys; this one lists {record.Keys.Count}.");
            return;
        }

        for (var i = 0; i < record.Keys.Count; i++)
        {
            CheckKey(record.Keys[i], $"keys[{i}]", errors);
        }

        if (record.Keys.Select(k => k.KeyId).Distinct(StringComparer.Ordinal).Count() != record.Keys.Count)
        {
            errors.Add("keys", "keys must not repeat.");
        }

        // A record that leaves its node without a key that can sign its next record would lock it out for good.
        if (WireTimes.IsSet(record.IssuedAt) && !record.Keys.Any(k => k.NotAfter is null && k.RevokedAt is null && KeyWindows.At(k, record.IssuedAt) == KeyValidity.Valid))
        {
            errors.Add("keys", "At least one key must be valid at issued_at with no end date and no revocation (the key that signs the next record).");
        }
    }

    private static void CheckKey(NodeKey key, string name, List<FieldViolation> errors)
    {
        if (key.PublicKey.Length != Ed25519Keys.PublicKeyBytes)
        {
            errors.Add($"{name}.public_key", $"{name}.public_key has {key.PublicKey.Length} bytes; an Ed25519 public key has {Ed25519Keys.PublicKeyBytes}.");
        }
        else if (key.KeyId != KeyIds.Derive(key.PublicKey.Span))
        {
            errors.Add($"{name}.key_id", $"{name}.key_id '{Shorten(key.KeyId)}' is not the key id of its public key.");
        }

        foreach (var (field, value) in new[] { ("not_before", key.NotBefore), ("not_after", key.NotAfter), ("revoked_at", key.RevokedAt) })
        {
            if (value is not null && !WireTimes.IsSet(value))
            {
                errors.Add($"{name}.{field}", $"{name}.{field} is not a valid time.");
            }
        }

        if (key.NotBefore is not null && key.NotAfter is not null && WireTimes.Compare(key.NotAfter, key.NotBefore) <= 0)
        {
            errors.Add($"{name}.not_after", $"{name}.not_after must be after its not_before.");
        }

        if (key.RevokedAt is null && key.RevocationReason.Length > 0)
        {
            errors.Add($"{name}.revoked_at", $"{name} has a revocation_reason but no revoked_at.");
        }

        if (key.RevokedAt is not null)
        {
            TextRules.Check($"{name}.revocation_reason", key.RevocationReason, ContactLimits.MaxRevocationReasonChars, required: true, multiline: false, errors);
        }
    }

    private static string Shorten(string value) => TextRules.Shorten(value);

    [GeneratedRegex(@"^[A-Z]{2}\z")]
    private static partial Regex CountryCode();

    // Deliberately simple: one @, no spaces or control characters, a dot in the domain. Delivery proves the rest.
    [GeneratedRegex(@"^[^@\s\p{C}]+@[^@\s\p{C}]+\.[^@\s\p{C}]+\z")]
    private static partial Regex Email();

    // MaxPhoneChars (40) digits and separators, after an optional +.
    [GeneratedRegex(@"^\+?[0-9][0-9 ().\-]{2,39}\z")]
    private static partial Regex Phone();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_+\-]*(/[A-Za-z0-9_+\-]+)*\z")]
    private static partial Regex TimeZone();

    [GeneratedRegex(@"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*\z")]
    private static partial Regex Language();
}
