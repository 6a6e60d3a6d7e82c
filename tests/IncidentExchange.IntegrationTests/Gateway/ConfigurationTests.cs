using IncidentExchange.Core.Access;
using IncidentExchange.Core.Crypto;
using IncidentExchange.Gateway.Configuration;
using IncidentExchange.Gateway.Hosting;
using IncidentExchange.IntegrationTests.Support;
using Microsoft.Extensions.Options;

namespace IncidentExchange.IntegrationTests.Gateway;

/// <summary>A bad configuration stops the gateway at start with sentences that name the keys.</summary>
public class ConfigurationTests
{
    [Test]
    public async Task Start_InvalidSettings_NameEveryBadKey()
    {
        await using var node = await TestNode.StartAsync(BrokerSetUp.Broker);
        var settings = new Dictionary<string, string?>
        {
            ["Incx:NodeId"] = "Not Valid",
            ["Incx:KeyFile"] = "/nonexistent/key.json",
            ["Incx:DataDirectory"] = node.Directory,
            ["Incx:TrustedKeys:0:Node"] = "fr",
            ["Incx:TrustedKeys:0:PublicKey"] = "not base64!",
            ["Incx:Broker:Uri"] = "http://127.0.0.1:5672/",
        };
        await using var app = GatewayApplication.Build([], settings);

        var error = Assert.Throws<OptionsValidationException>(() => GatewayApplication.ValidateOptions(app.Services));

        Assert.That(error!.Failures, Has.Some.StartsWith("Incx:NodeId 'Not Valid'")
            .And.Some.StartsWith("Incx:KeyFile: Private key file /nonexistent/key.json does not exist")
            .And.Some.StartsWith("Incx:TrustedKeys:0: The public key of 'fr' is not base64"));
    }

    [Test]
    public void Start_BrokerUriNotAmqp_NamesTheKey()
    {
        var settings = new Dictionary<string, string?> { ["Incx:Broker:Uri"] = "http://127.0.0.1:5672/" };
        var validator = new IncidentExchange.Gateway.Configuration.BrokerOptionsValidator();
        var options = new IncidentExchange.Messaging.BrokerOptions { Uri = new Uri(settings["Incx:Broker:Uri"]!) };

        Assert.That(validator.Validate(null, options).Failures, Has.One.StartsWith("Incx:Broker:Uri"));
    }

    [Test]
    public void Start_NoClients_SaysHowToCreateOne()
    {
        var failures = Validate(options => options.Clients.Clear());

        Assert.That(failures, Has.One.EqualTo("Incx:Clients is empty, so nobody could use this gateway; create a client token with 'incx tokens create' and add the settings it prints."));
    }

    [Test]
    public void Start_BadClients_NameEachKey()
    {
        var failures = Validate(options =>
        {
            options.Clients["desk"] = new ClientOptions { TokenHash = "5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8", Roles = "operator" };
            options.Clients["feed"] = new ClientOptions { TokenHash = ClientTokens.Hash("x"), Roles = "publisher,admin" };
            options.Clients["copy"] = new ClientOptions { TokenHash = ClientTokens.Hash("x"), Roles = "" };
        });

        Assert.That(failures, Is.EquivalentTo(new[]
        {
            "Incx:Clients:desk:TokenHash must be 'sha256:' and 64 lowercase hex digits, as 'incx tokens create' prints it.",
            "Incx:Clients:feed:Roles: 'admin' is not a role (publisher, contact-point, operator).",
            "Incx:Clients:copy:TokenHash is also the token of client 'feed'; each client needs its own token.",
            "Incx:Clients:copy:Roles must name at least one role (publisher, contact-point, operator).",
        }));
    }

    private static IEnumerable<string> Validate(Action<NodeOptions> change)
    {
        var directory = Directory.CreateTempSubdirectory("incx-config-").FullName;
        try
        {
            using (var key = SigningKey.Generate())
            {
                KeyFiles.Write(directory, "ee", key);
            }

            var options = new NodeOptions { NodeId = "ee", KeyFile = Path.Combine(directory, KeyFiles.PrivateFileName("ee")), DataDirectory = directory };
            options.Clients["admin"] = new ClientOptions { TokenHash = ClientTokens.Hash(ClientTokens.Create("ee")), Roles = "operator" };
            change(options);
            return new NodeOptionsValidator().Validate(null, options).Failures ?? [];
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
