using IncidentExchange.Core.Contacts;
using IncidentExchange.Core.Crypto;
using IncidentExchange.Core.Inbound;
using IncidentExchange.Core.Inbound.Payloads;
using Microsoft.Extensions.Options;

namespace IncidentExchange.Gateway.Configuration;

/// <summary>This node's id, its configured signing key and the keys it pins for others, loaded once from validated options.</summary>
public sealed class NodeIdentity : IDisposable
{
    /// <summary>Loads the key file and pins every trusted key, this node's own included.</summary>
    /// <param name="options">The node's options.</param>
    /// <param name="payloads">The payload types this node accepts (the gateway's payload table).</param>
    public NodeIdentity(IOptions<NodeOptions> options, PayloadRegistry payloads)
    {
        ArgumentNullException.ThrowIfNull(options);
        var value = options.Value;
        NodeId = value.NodeId;
        (_, ConfiguredKey) = KeyFiles.ReadPrivate(value.KeyFile);
        Directory = new ContactDirectory();
        // A node verifies its own envelopes like anyone else's: they come back through its inbox.
        Directory.Pin(NodeId, ConfiguredKey.PublicKey);
        foreach (var trusted in value.TrustedKeys)
        {
            Directory.Pin(trusted.Node, TrustedKeyLoader.Load(trusted));
        }

        Inspector = new EnvelopeInspector(Directory, NodeId, payloads: payloads);
        HistoryInspector = new EnvelopeInspector(Directory, NodeId, historical: true, payloads);
    }

    /// <summary>This node's id.</summary>
    public string NodeId { get; }

    /// <summary>The key of <c>Incx:KeyFile</c>: the node's first key, pinned by its peers out of band.</summary>
    public SigningKey ConfiguredKey { get; }

    /// <summary>Pinned keys and accepted records of every node.</summary>
    public ContactDirectory Directory { get; }

    /// <summary>Receive-side checks bound to <see cref="Directory"/>.</summary>
    public EnvelopeInspector Inspector { get; }

    /// <summary>The same checks for envelopes read back from the history (keys of every held record version).</summary>
    public EnvelopeInspector HistoryInspector { get; }

    /// <inheritdoc />
    public void Dispose() => ConfiguredKey.Dispose();
}
