using System.Net;
using IncidentExchange.Messaging;
using Microsoft.Extensions.Options;


namespace IncidentExchange.Gateway.Configuration;

/// <summary>
/// Plaintext stays on loopback unless <c>Incx:AllowPlaintext</c> says otherwise: the gRPC and metrics endpoints,
/// the node's own broker and its management API, and peers' brokers. A peer reached over amqps must verify the
/// peer's certificate. One sentence per problem, naming the key.
/// </summary>
public sealed class TransportRules(IConfiguration configuration) : IValidateOptions<NodeOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, NodeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        // Bound here, not taken from IOptions<BrokerOptions>: its own validation must not pre-empt this node's sentences.
        var broker = configuration.GetSection(BrokerOptions.SectionName).Get<BrokerOptions>() ?? new BrokerOptions();
        for (var i = 0; i < options.Peers.Count; i++)
        {
            var uri = options.Peers[i].AmqpUri;
            if (uri is { Scheme: "amqps" } && TlsProblem(uri) is { } problem)
            {
                errors.Add($"Incx:Peers:{i}:AmqpUri: {problem}; the link must verify the peer: verify=verify_peer&cacertfile=<CA file>&certfile=…&keyfile=… (deploy/README.md, TLS).");
            }
            else if (!options.AllowPlaintext && uri is { Scheme: "amqp" } && !IsLoopback(uri.Host))
            {
                errors.Add(Plaintext($"Incx:Peers:{i}:AmqpUri", "amqps://"));
            }
        }

        if (!options.AllowPlaintext)
        {
            foreach (var endpoint in configuration.GetSection("Kestrel:Endpoints").GetChildren())
            {
                if (endpoint["Url"] is { } url && url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) && !IsLoopback(HostOf(url)))
                {
                    errors.Add(Plaintext($"Kestrel:Endpoints:{endpoint.Key}:Url", "https:// with a certificate"));
                }
            }

            if (options.Telemetry.PrometheusUrl.Length > 0 && !IsLoopback(HostOf(options.Telemetry.PrometheusUrl)))
            {
                errors.Add(Plaintext("Incx:Telemetry:PrometheusUrl", "a loopback address and a scraper beside it"));
            }

            if (options.Telemetry.OtlpEndpoint.Length > 0 && options.Telemetry.OtlpEndpoint.StartsWith("http://", StringComparison.OrdinalIgnoreCase) && !IsLoopback(HostOf(options.Telemetry.OtlpEndpoint)))
            {
                errors.Add(Plaintext("Incx:Telemetry:OtlpEndpoint", "https:// (traces carry message ids, routing keys and signers)"));
            }

            if (broker.Uri is { Scheme: "amqp" } own && !IsLoopback(own.Host))
            {
                errors.Add(Plaintext("Incx:Broker:Uri", "amqps://"));
            }

            if (broker.ManagementUri is { Scheme: "http" } management && !IsLoopback(management.Host))
            {
                errors.Add(Plaintext("Incx:Broker:ManagementUri", "https://"));
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    // RabbitMQ's Erlang client reads these query parameters (protos/README.md §2): verification must be on, against
    // a given CA, and the host name must not be switched off.
    private static string? TlsProblem(Uri uri)
    {
        var parameters = uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Select(p => (Name: Uri.UnescapeDataString(p[0]), Value: p.Length > 1 ? Uri.UnescapeDataString(p[1]) : ""))
            .ToList();
        var verify = parameters.Where(p => p.Name == "verify").Select(p => p.Value).ToList();
        if (verify is not ["verify_peer"])
        {
            return verify.Count == 0 ? "amqps without verify=verify_peer would accept any certificate" : "verify must be given once, as verify=verify_peer";
        }

        if (!parameters.Any(p => p.Name == "cacertfile" && p.Value.Length > 0))
        {
            return "verify=verify_peer needs cacertfile (the CA the peer's certificate comes from)";
        }

        return parameters.Any(p => p.Name == "server_name_indication" && p.Value == "disable")
            ? "server_name_indication=disable would skip the check of the peer's name"
            : null;
    }

    private static string Plaintext(string key, string instead) =>
        $"{key} is plaintext to a host other than loopback; use {instead}, or set Incx:AllowPlaintext=true if the network is private.";

    // Kestrel accepts "*" and "+" for every interface, which Uri cannot parse as hosts.
    private static string HostOf(string url)
    {
        var rest = url[(url.IndexOf("://", StringComparison.Ordinal) + 3)..];
        var host = rest.Split('/')[0];
        return host.StartsWith('[') ? host[..(host.IndexOf(']', StringComparison.Ordinal) + 1)] : host.Split(':')[0];
    }

    private static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
