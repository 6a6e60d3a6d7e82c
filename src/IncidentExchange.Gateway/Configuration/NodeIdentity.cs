using IncidentExchange.Core.Crypto;
using IncidentExchange.Core.Inbound;
using Microsoft.Extensions.Options;

namespace IncidentExchange.Gateway.Configuration;

/// <summary>This node's id, signing key and trusted keys, loaded once from validated options.</summary>
public sealed class NodeIdentity : IDisposable
{
    private readonly SigningKey _key;

    /// <summary>Loads the key file and pins every trusted key, this node's own included.</summary>
    public NodeIdentity(IOptions<NodeOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var value = options.Value;
        NodeId = value.NodeId;
        (_, _key) = KeyFiles.ReadPrivate(value.KeyFile);
        Sealer = new EnvelopeSealer(NodeId, _key);
        Trust = new TrustStore();
        // A node verifies its own notices like anyone else's: they come back through its inbox.
        Trust.Pin(NodeId, _key.PublicKey);
        foreach (var trusted in value.TrustedKeys)
        {
            Trust.Pin(trusted.Node, TrustedKeyLoader.Load(trusted));
        }

        Inspector = new EnvelopeInspector(Trust, NodeId);
    }

    /// <summary>This node's id.</summary>
    public string NodeId { get; }

    /// <summary>Signs outgoing envelopes.</summary>
    public EnvelopeSealer Sealer { get; }

    /// <summary>Keys this node accepts signatures from.</summary>
    public TrustStore Trust { get; }

    /// <summary>Receive-side checks bound to <see cref="Trust"/>.</summary>
    public EnvelopeInspector Inspector { get; }

    /// <inheritdoc />
    public void Dispose() => _key.Dispose();
}
