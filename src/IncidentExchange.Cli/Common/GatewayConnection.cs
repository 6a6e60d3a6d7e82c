using System.CommandLine;
using Grpc.Core;
using Grpc.Net.Client;
using IncidentExchange.Contracts.V1;

namespace IncidentExchange.Cli.Common;

/// <summary>gRPC clients of the gateway named by <c>--gateway</c>, sending <c>--token</c> as a bearer token.</summary>
internal sealed class GatewayConnection : IDisposable
{
    private readonly GrpcChannel _channel;

    private GatewayConnection(Uri address, string? token, HttpMessageHandler? handler)
    {
        Address = address;
        var credentials = CallCredentials.FromInterceptor((_, metadata) =>
        {
            if (!string.IsNullOrEmpty(token))
            {
                metadata.Add("authorization", "Bearer " + token);
            }

            return Task.CompletedTask;
        });
        _channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            // Plain HTTP/2 is for loopback; call credentials are allowed on it deliberately.
            Credentials = address.Scheme == Uri.UriSchemeHttps
                ? ChannelCredentials.Create(ChannelCredentials.SecureSsl, credentials)
                : ChannelCredentials.Create(ChannelCredentials.Insecure, credentials),
            UnsafeUseInsecureChannelCallCredentials = true,
            HttpHandler = handler,
        });
        Client = new IncidentGateway.IncidentGatewayClient(_channel);
        Directory = new PointsOfContact.PointsOfContactClient(_channel);
    }

    public Uri Address { get; }

    public IncidentGateway.IncidentGatewayClient Client { get; }

    // Qualified: a bare Directory would also name System.IO.Directory.
    /// <summary>The points-of-contact directory service, on the same channel and token as <see cref="Client"/>.</summary>
    public PointsOfContact.PointsOfContactClient Directory { get; }

    /// <summary>The underlying channel, for other services such as health.</summary>
    public GrpcChannel Channel => _channel;

    /// <summary>Opens a connection from the global options of <paramref name="parse"/>.</summary>
    public static GatewayConnection From(ParseResult parse)
    {
        var raw = parse.GetValue(GlobalOptions.Gateway) ?? GlobalOptions.DefaultGateway;
        var text = raw.Contains("://", StringComparison.Ordinal) ? raw : "http://" + raw;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var address) || (address.Scheme != Uri.UriSchemeHttp && address.Scheme != Uri.UriSchemeHttps))
        {
            throw new CliException($"'{raw}' is not a gateway address such as http://127.0.0.1:7101.");
        }

        var token = ClientTokenSource.Resolve(parse);
        if (token is not null && address.Scheme == Uri.UriSchemeHttp && !address.IsLoopback)
        {
            // The gateway refuses plaintext off loopback too; the token must not have travelled by then.
            throw new CliException($"Refusing to send the client token over plain http to {address.Host}; use https:// (the gateway's TLS endpoint).");
        }

        var caFile = parse.GetValue(GlobalOptions.CaFile);
        // A private CA matters only for https; for a loopback http gateway the option is ignored.
        var handler = address.Scheme == Uri.UriSchemeHttps && !string.IsNullOrEmpty(caFile) ? PrivateCa.Handler(caFile) : null;
        return new GatewayConnection(address, token, handler);
    }

    public void Dispose() => _channel.Dispose();
}
