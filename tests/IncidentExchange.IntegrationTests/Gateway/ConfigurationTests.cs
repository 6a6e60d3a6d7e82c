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
}
