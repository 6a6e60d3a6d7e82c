using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using IncidentExchange.Gateway.Configuration;
using Microsoft.Extensions.Configuration;
using IncidentExchange.IntegrationTests.Support;

namespace IncidentExchange.IntegrationTests.Hardening;

/// <summary>
/// gRPC over TLS when a certificate is configured, the CLI trusting a CERT's own CA (and nothing else), and
/// plaintext refused off loopback unless a private network is declared. amqps federation: tests/deploy-local.sh.
/// </summary>
public class TransportSecurityTests
{
    private string _folder = null!;
    private string _caFile = null!;
    private string _certFile = null!;
    private string _keyFile = null!;
    private string _otherCaFile = null!;

    [OneTimeSetUp]
    public void MakeCertificates()
    {
        _folder = Directory.CreateTempSubdirectory("incx-tls-").FullName;
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var ca = SelfSignedCa("incx test CA", caKey);
        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=gateway", serverKey, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        using var server = request.Create(ca, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1), RandomNumberGenerator.GetBytes(16));
        using var otherKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var other = SelfSignedCa("some other CA", otherKey);

        _caFile = Write("ca.pem", ca.ExportCertificatePem());
        _otherCaFile = Write("other-ca.pem", other.ExportCertificatePem());
        _certFile = Write("gateway.pem", server.ExportCertificatePem());
        _keyFile = Write("gateway.key", serverKey.ExportPkcs8PrivateKeyPem());
    }

    [OneTimeTearDown]
    public void RemoveCertificates() => Directory.Delete(_folder, recursive: true);

    [Test]
    public async Task GrpcOverTls_CliWithTheCa_Works_WithAnotherCa_RefusedWithOneSentence()
    {
        await using var node = TestNode.Create(BrokerSetUp.Broker);
        node.Settings["Kestrel:Endpoints:Grpc:Url"] = "https://127.0.0.1:0";
        node.Settings["Kestrel:Endpoints:Grpc:Certificate:Path"] = _certFile;
        node.Settings["Kestrel:Endpoints:Grpc:Certificate:KeyPath"] = _keyFile;
        node.CaFile = _caFile;
        await node.StartAsync();

        var (trusted, _, trustedError) = await CliRun.AtAsync(node, "nodes", "--ca-file", _caFile);
        var (untrusted, _, untrustedError) = await CliRun.AtAsync(node, "nodes", "--ca-file", _otherCaFile);

        Assert.Multiple(() =>
        {
            Assert.That(node.Address.Scheme, Is.EqualTo("https"));
            Assert.That(trusted, Is.Zero, trustedError);
            Assert.That(untrusted, Is.EqualTo(1));
            Assert.That(untrustedError, Does.StartWith($"incx: The certificate of the gateway at {node.Address} is not trusted").And.Contain("--ca-file"));
        });
    }

    [Test]
    public void Plaintext_OffLoopback_RefusedUnlessDeclaredPrivate()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Kestrel:Endpoints:Grpc:Url"] = "http://0.0.0.0:7101",
            ["Incx:Broker:Uri"] = "amqp://guest:guest@broker.example:5672/",
            ["Incx:Peers:0:Node"] = "fr",
            ["Incx:Peers:0:AmqpUri"] = "amqp://incx:incx@broker.fr.example:5672/",
            ["Incx:Peers:1:Node"] = "jp",
            ["Incx:Peers:1:AmqpUri"] = "amqps://incx:incx@broker.jp.example:5671/?cacertfile=/ca.pem",
            ["Incx:Peers:2:Node"] = "kr",
            ["Incx:Peers:2:AmqpUri"] = "amqps://incx:incx@broker.kr.example:5671/?verify=verify_none&x=verify=verify_peer&cacertfile=/ca.pem",
            ["Incx:Peers:3:Node"] = "de",
            ["Incx:Peers:3:AmqpUri"] = "amqps://incx:incx@broker.de.example:5671/?verify=verify_peer&cacertfile=/ca.pem&server_name_indication=disable",
            ["Incx:Peers:4:Node"] = "it",
            ["Incx:Peers:4:AmqpUri"] = "amqps://incx:incx@broker.it.example:5671/?verify=verify_peer&cacertfile=/ca.pem&certfile=/c.pem&keyfile=/c.key",
            ["Incx:Telemetry:OtlpEndpoint"] = "http://collector.example:4317",
        };

        var refused = Failures(settings);
        settings["Incx:AllowPlaintext"] = "true";
        var allowed = Failures(settings);

        Assert.Multiple(() =>
        {
            Assert.That(refused, Has.Some.StartsWith("Kestrel:Endpoints:Grpc:Url is plaintext to a host other than loopback")
                .And.Some.StartsWith("Incx:Broker:Uri is plaintext")
                .And.Some.StartsWith("Incx:Peers:0:AmqpUri is plaintext")
                .And.Some.StartsWith("Incx:Peers:1:AmqpUri: amqps without verify=verify_peer")
                .And.Some.StartsWith("Incx:Peers:2:AmqpUri: verify must be given once")
                .And.Some.StartsWith("Incx:Peers:3:AmqpUri: server_name_indication=disable")
                .And.Some.StartsWith("Incx:Telemetry:OtlpEndpoint is plaintext"));
            Assert.That(refused, Has.None.Contains("Peers:4"), "a verified amqps link is fine");
            Assert.That(allowed, Has.None.Contains("plaintext"), "Incx:AllowPlaintext=true declares a private network");
            Assert.That(allowed, Has.Some.StartsWith("Incx:Peers:1:AmqpUri: amqps without verify=verify_peer"), "an unverified amqps link is never allowed");
        });
    }

    private static IEnumerable<string> Failures(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var node = configuration.GetSection(NodeOptions.SectionName).Get<NodeOptions>() ?? new NodeOptions();
        return new TransportRules(configuration).Validate(null, node).Failures ?? [];
    }

    private static X509Certificate2 SelfSignedCa(string name, ECDsa key)
    {
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
    }

    private string Write(string name, string pem)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, pem);
        return path;
    }
}
