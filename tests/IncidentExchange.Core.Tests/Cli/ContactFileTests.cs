using IncidentExchange.Cli.Common;
using IncidentExchange.Contracts.V1;
using NUnit.Framework.Constraints;

namespace IncidentExchange.Core.Tests.Cli;

public class ContactFileTests
{
    private const string Valid = """
        {
          "organisation": "CERT-FR (ANSSI)",
          "country": "FR",
          "contacts": [
            { "role": "technical", "name": "CERT-FR duty desk", "email": "cert-fr@example.fr", "phone": "+33 1 00 00 00 00", "hours": "24/7", "timeZone": "Europe/Paris", "languages": ["fr", "en"] },
            { "role": "crisis", "name": "Crisis cell duty officer", "email": "crisis@example.fr", "phone": "+33 1 00 00 00 01", "hours": "Mon-Fri 08:00-18:00", "timeZone": "Europe/Paris", "languages": ["fr"] }
          ]
        }
        """;

    [Test]
    public void Parse_ValidFile_MapsEveryField()
    {
        var request = ContactFile.Parse(Valid);

        var technical = request.Contacts[0];
        var crisis = request.Contacts[1];
        Assert.Multiple(() =>
        {
            Assert.That(request.Organisation, Is.EqualTo("CERT-FR (ANSSI)"));
            Assert.That(request.Country, Is.EqualTo("FR"));
            Assert.That(request.Contacts, Has.Count.EqualTo(2));
            Assert.That(technical.Role, Is.EqualTo(ContactRole.Technical));
            Assert.That(technical.Name, Is.EqualTo("CERT-FR duty desk"));
            Assert.That(technical.Email, Is.EqualTo("cert-fr@example.fr"));
            Assert.That(technical.Phone, Is.EqualTo("+33 1 00 00 00 00"));
            Assert.That(technical.Hours, Is.EqualTo("24/7"));
            Assert.That(technical.TimeZone, Is.EqualTo("Europe/Paris"));
            Assert.That(technical.Languages, Is.EqualTo(new[] { "fr", "en" }));
            Assert.That(crisis.Role, Is.EqualTo(ContactRole.Crisis));
            Assert.That(crisis.Hours, Is.EqualTo("Mon-Fri 08:00-18:00"));
            Assert.That(crisis.Languages, Is.EqualTo(new[] { "fr" }));
        });
    }

    [Test]
    public void Parse_OnlyOrganisation_LeavesTheRestEmpty()
    {
        var request = ContactFile.Parse("""{ "organisation": "CERT-EE" }""");

        Assert.Multiple(() =>
        {
            Assert.That(request.Organisation, Is.EqualTo("CERT-EE"));
            Assert.That(request.Country, Is.Empty);
            Assert.That(request.Contacts, Is.Empty);
        });
    }

    [TestCase("crisis", ContactRole.Crisis)]
    [TestCase("CRISIS", ContactRole.Crisis)]
    [TestCase("Technical", ContactRole.Technical)]
    public void Parse_RoleInAnyCase_MapsRole(string role, ContactRole expected)
    {
        var request = ContactFile.Parse($$"""{ "organisation": "CERT-EE", "contacts": [ { "role": "{{role}}", "name": "Duty desk" } ] }""");

        Assert.That(request.Contacts[0].Role, Is.EqualTo(expected));
    }

    [Test]
    public void Parse_UnknownRole_ThrowsSentenceNamingRole()
    {
        var json = """{ "organisation": "CERT-EE", "contacts": [ { "role": "technical" }, { "role": "admin" } ] }""";

        Assert.That(() => ContactFile.Parse(json), ThrowsOneSentence("'admin'", "Contact 2"));
    }

    [Test]
    public void Parse_MissingRole_ThrowsSentence()
    {
        var json = """{ "organisation": "CERT-EE", "contacts": [ { "name": "Duty desk" } ] }""";

        Assert.That(() => ContactFile.Parse(json), ThrowsOneSentence("no role"));
    }

    [TestCase("""{ "organisation": "CERT-EE", "bogus": 1 }""", "'bogus'", 1)]
    [TestCase("{\n  \"organisation\": \"CERT-EE\",\n  \"contacts\": [\n    { \"role\": \"crisis\", \"emial\": \"a@example.ee\" }\n  ]\n}", "'contacts[0].emial'", 4)]
    public void Parse_UnknownProperty_ThrowsSentenceNamingPropertyAndLine(string json, string property, int line)
    {
        Assert.That(() => ContactFile.Parse(json), ThrowsOneSentence(property, $"line {line}"));
    }

    [Test]
    public void Parse_PropertyNameInOtherCase_IsAccepted()
    {
        var request = ContactFile.Parse("""{ "Organisation": "CERT-EE", "contacts": [ { "role": "crisis", "timezone": "Europe/Tallinn" } ] }""");

        Assert.That(request.Contacts[0].TimeZone, Is.EqualTo("Europe/Tallinn"));
    }

    [Test]
    public void Parse_WrongValueType_ThrowsSentenceNamingProperty()
    {
        var json = """{ "organisation": "CERT-EE", "contacts": [ { "role": "crisis", "languages": "et" } ] }""";

        Assert.That(() => ContactFile.Parse(json), ThrowsOneSentence("wrong type", "'contacts[0].languages'"));
    }

    [TestCase("{\n  \"organisation\": \"CERT-EE\"\n  \"country\": \"EE\"\n}", 3)]
    [TestCase("{\n  \"organisation\": \"CERT-EE\",\n}", 3)]
    [TestCase("", 1)]
    public void Parse_BadJson_ThrowsSentenceWithLineNumber(string json, int line)
    {
        Assert.That(() => ContactFile.Parse(json), ThrowsOneSentence("not valid JSON", $"line {line}"));
    }

    [TestCase("""{ "country": "EE" }""")]
    [TestCase("""{ "organisation": "  ", "country": "EE" }""")]
    public void Parse_MissingOrganisation_ThrowsSentence(string json)
    {
        Assert.That(() => ContactFile.Parse(json), ThrowsOneSentence("no organisation"));
    }

    [TestCase("null")]
    [TestCase("[]")]
    public void Parse_NotAnObject_ThrowsSentence(string json)
    {
        Assert.That(() => ContactFile.Parse(json), ThrowsOneSentence());
    }

    [Test]
    public void Load_MissingFile_ThrowsSentenceNamingPath()
    {
        var path = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "record.json");

        Assert.That(() => ContactFile.Load(path), ThrowsOneSentence(path, "does not exist"));
    }

    [Test]
    public void Load_ValidFile_ReadsIt()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, Valid);

            Assert.That(ContactFile.Load(path).Organisation, Is.EqualTo("CERT-FR (ANSSI)"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    // One sentence: a single line, ending in a full stop, with no sentence break inside, naming each of naming.
    private static Constraint ThrowsOneSentence(params string[] naming)
    {
        Constraint constraint = Throws.TypeOf<CliException>().With.Message.EndsWith(".").And.Message.Not.Contains(". ").And.Message.Not.Contains("\n");
        foreach (var text in naming)
        {
            constraint = constraint.And.Message.Contains(text);
        }

        return constraint;
    }
}
