using System.Text.Json;
using IncidentExchange.IntegrationTests.Support;

namespace IncidentExchange.IntegrationTests.Cli;

/// <summary>The directory verbs of incx against a real gateway: publish a contact file, list, show, rotate, revoke.</summary>
public class ContactsCliTests : NodeTest
{
    [Test]
    public async Task ContactsPublishListShow_FromAFile_ShowsTheCrisisContact()
    {
        var file = Path.Combine(Node.Directory, "contacts.json");
        await File.WriteAllTextAsync(file, """
            {
              "organisation": "CERT-TEST",
              "country": "EE",
              "contacts": [
                { "role": "technical", "name": "Duty desk", "email": "cert@test.example", "hours": "24/7" },
                { "role": "crisis", "name": "Crisis officer", "email": "crisis@test.example", "phone": "+372 600 0000", "timeZone": "Europe/Tallinn", "languages": ["et", "en"] }
              ]
            }
            """);

        var (published, publishOut, publishErr) = await RunAsync("contacts", "publish", "--file", file);
        var (again, againOut, _) = await RunAsync("contacts", "publish", "--file", file);
        var (listed, listOut, listErr) = await RunAsync("contacts", "list");
        var (shown, showOut, _) = await RunAsync("contacts", "show", Node.NodeId, "--json");

        using var entry = JsonDocument.Parse(showOut);
        var record = entry.RootElement.GetProperty("record");
        Assert.Multiple(() =>
        {
            Assert.That(published, Is.Zero, publishErr);
            Assert.That(publishOut, Does.StartWith("Published version "));
            Assert.That(again, Is.Zero);
            Assert.That(againOut, Does.StartWith("Unchanged"));
            Assert.That(listed, Is.Zero, listErr);
            Assert.That(listOut, Does.Contain("CERT-TEST").And.Contain("Crisis officer").And.Contain("1 of 1"));
            Assert.That(shown, Is.Zero);
            Assert.That(record.GetProperty("organisation").GetString(), Is.EqualTo("CERT-TEST"));
            Assert.That(record.GetProperty("contacts")[1].GetProperty("role").GetString(), Is.EqualTo("CONTACT_ROLE_CRISIS"));
        });
    }

    [Test]
    public async Task ContactsPublish_BadFile_OneSentenceAndExitOne()
    {
        var file = Path.Combine(Node.Directory, "bad.json");
        await File.WriteAllTextAsync(file, """{ "organisation": "X", "contacts": [ { "role": "boss", "name": "Y", "email": "y@x.example" } ] }""");

        var (code, _, error) = await RunAsync("contacts", "publish", "--file", file);

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(1));
            Assert.That(error.Trim(), Does.Contain("unknown role 'boss'").And.Not.Contain("   at "));
        });
    }

    [Test]
    public async Task KeysRotateThenRevoke_OldKey_RotatesAndRevokesWithTheGatewaysRecord()
    {
        var (rotated, rotateOut, rotateErr) = await RunAsync("keys", "rotate", "--overlap", "1d", "--json");
        using var reply = JsonDocument.Parse(rotateOut);
        var oldKey = reply.RootElement.GetProperty("old_key_id").GetString()!;

        var (revoked, revokeOut, revokeErr) = await RunAsync("keys", "revoke", oldKey, "--reason", "superseded");
        var (again, _, againErr) = await RunAsync("keys", "revoke", oldKey, "--reason", "superseded");

        Assert.Multiple(() =>
        {
            Assert.That(rotated, Is.Zero, rotateErr);
            Assert.That(reply.RootElement.GetProperty("new_key_id").GetString(), Is.Not.EqualTo(oldKey));
            Assert.That(revoked, Is.Zero, revokeErr);
            Assert.That(revokeOut, Does.StartWith($"Revoked key {oldKey} from ").And.Contain("(superseded)"));
            Assert.That(again, Is.EqualTo(1));
            Assert.That(againErr, Does.Contain("already revoked"));
        });
    }

    private Task<(int Code, string Output, string Error)> RunAsync(params string[] args) => CliRun.AtAsync(Node, args);
}
