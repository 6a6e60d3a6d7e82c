using IncidentExchange.Core.Access;
using IncidentExchange.Gateway.Configuration;
using Microsoft.Extensions.Options;

namespace IncidentExchange.Gateway.Access;

/// <summary>The clients configured under <c>Incx:Clients</c>, found by the hash of the token they present.</summary>
public sealed class ClientRegistry
{
    private readonly string _nodeId;
    private readonly Dictionary<string, GatewayClient> _byHash = new(StringComparer.Ordinal);

    /// <summary>Reads the (already validated) client settings.</summary>
    public ClientRegistry(IOptions<NodeOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _nodeId = options.Value.NodeId;
        foreach (var (name, client) in options.Value.Clients)
        {
            // NodeOptionsValidator already refused unknown roles at start; a client with none would be let in nowhere.
            var roles = ClientRoleNames.TryParse(client.Roles, out var parsed, out _) ? parsed : ClientRoles.None;
            _byHash[client.TokenHash] = new GatewayClient(name, roles);
        }
    }

    /// <summary>
    /// The client holding <paramref name="token"/>, or a refusal sentence. The lookup is by hash, so it
    /// compares no secret bytes: a caller can learn nothing about a stored token from how long it takes.
    /// </summary>
    public GatewayClient? Authenticate(string? token, out string refusal)
    {
        refusal = "";
        if (string.IsNullOrEmpty(token))
        {
            refusal = "This gateway needs a client token: pass --token, INCX_TOKEN or INCX_TOKEN_FILE (gRPC header 'authorization: Bearer <token>').";
            return null;
        }

        var node = ClientTokens.NodeOf(token);
        if (node is null)
        {
            refusal = "The client token is malformed; a token looks like 'incx.<node>.<secret>', as 'incx tokens create' writes it.";
            return null;
        }

        if (node != _nodeId)
        {
            refusal = $"The client token was issued for node '{node}'; this gateway is node '{_nodeId}'.";
            return null;
        }

        if (!_byHash.TryGetValue(ClientTokens.Hash(token), out var client))
        {
            refusal = $"Node '{_nodeId}' does not know this client token (never configured, or removed from Incx:Clients).";
            return null;
        }

        return client;
    }
}
