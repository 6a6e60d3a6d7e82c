using Google.Protobuf;
using IncidentExchange.Core.Contacts;
using IncidentExchange.Core.Crypto;

namespace IncidentExchange.Core.Tests.Contacts;

public class ContactRecordValidatorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private SigningKey _key = null!;

    [SetUp]
    public void CreateKey() => _key = SigningKey.Generate();

    [TearDown]
    public void DisposeKey() => _key.Dispose();

    [Test]
    public void Validate_SampleRecord_HasNoErrors() =>
        Assert.That(ContactRecordValidator.Validate(Samples.Record("fr", 1, T0, Samples.KeyEntry(_key))), Is.Empty);

    [TestCase("country", "fr", "country")]
    [TestCase("email", "not-an-address", "email")]
    [TestCase("phone", "call me", "phone")]
    [TestCase("time_zone", "Europe/Paris\n", "time_zone")]
    [TestCase("language", "english language", "language")]
    [TestCase("name", "", "name is required")]
    public void Validate_BadField_NamesTheField(string field, string value, string expected)
    {
        var record = Samples.Record("fr", 1, T0, Samples.KeyEntry(_key));
        var contact = record.Contacts[0];
        switch (field)
        {
            case "country": record.Country = value; break;
            case "email": contact.Email = value; break;
            case "phone": contact.Phone = value; break;
            case "time_zone": contact.TimeZone = value; break;
            case "language": contact.Languages.Add(value); break;
            default: contact.Name = value; break;
        }

        Assert.That(ContactRecordValidator.Validate(record), Has.Some.Contains(expected));
    }

    [Test]
    public void Validate_ContactWithoutEmailOrPhone_IsRefused()
    {
        var record = Samples.Record("fr", 1, T0, Samples.KeyEntry(_key));
        record.Contacts[1].Email = "";

        Assert.That(ContactRecordValidator.Validate(record), Has.Some.Contains("needs an email or a phone"));
    }

    [Test]
    public void Validate_KeyIdNotDerivedFromPublicKey_IsRefused()
    {
        var entry = Samples.KeyEntry(_key);
        entry.KeyId = new string('0', 32);

        Assert.That(ContactRecordValidator.Validate(Samples.Record("fr", 1, T0, entry)), Has.Some.Contains("is not the key id of its public key"));
    }

    [Test]
    public void Validate_NoKeyValidAtIssueTime_IsRefused()
    {
        var revoked = Samples.KeyEntry(_key, revokedAt: T0.AddSeconds(-1), reason: "compromised");

        Assert.That(ContactRecordValidator.Validate(Samples.Record("fr", 1, T0, revoked)), Has.Some.Contains("At least one key must be valid"));
    }

    [Test]
    public void Validate_EveryKeyWithAnEndDate_IsRefused()
    {
        // Such a node could sign notices until the end, but never its next record: it would be locked out.
        var ending = Samples.KeyEntry(_key, notAfter: T0.AddDays(30));

        Assert.That(ContactRecordValidator.Validate(Samples.Record("fr", 1, T0, ending)), Has.Some.Contains("no end date and no revocation"));
    }

    [Test]
    public void Validate_RevocationWithoutReason_IsRefused()
    {
        using var other = SigningKey.Generate();
        var record = Samples.Record("fr", 1, T0, Samples.KeyEntry(_key), Samples.KeyEntry(other, revokedAt: T0));

        Assert.That(ContactRecordValidator.Validate(record), Has.Some.Contains("revocation_reason is required"));
    }

    [Test]
    public void Validate_WindowEndingBeforeItStarts_IsRefused()
    {
        using var other = SigningKey.Generate();
        var record = Samples.Record("fr", 1, T0, Samples.KeyEntry(_key), Samples.KeyEntry(other, notBefore: T0, notAfter: T0.AddDays(-1)));

        Assert.That(ContactRecordValidator.Validate(record), Has.Some.Contains("not_after must be after its not_before"));
    }

    [Test]
    public void Validate_RepeatedKeyOrNoKeysOrVersionZero_IsRefused()
    {
        var repeated = Samples.Record("fr", 1, T0, Samples.KeyEntry(_key), Samples.KeyEntry(_key));
        var none = Samples.Record("fr", 1, T0);
        var zero = Samples.Record("fr", 0, T0, Samples.KeyEntry(_key));

        Assert.Multiple(() =>
        {
            Assert.That(ContactRecordValidator.Validate(repeated), Has.Some.Contains("keys must not repeat"));
            Assert.That(ContactRecordValidator.Validate(none), Has.Some.Contains("lists 0"));
            Assert.That(ContactRecordValidator.Validate(zero), Has.Some.Contains("version must be 1 or more"));
        });
    }

    [Test]
    public void Validate_ShortPublicKey_IsRefused()
    {
        var entry = Samples.KeyEntry(_key);
        entry.PublicKey = ByteString.CopyFrom(new byte[31]);

        Assert.That(ContactRecordValidator.Validate(Samples.Record("fr", 1, T0, entry)), Has.Some.Contains("has 31 bytes"));
    }
}
