using Google.Protobuf;
using IncidentExchange.Contracts.V1;
using IncidentExchange.Core.Inbound.Payloads;

namespace IncidentExchange.Gateway.Inbound;

/// <summary>
/// One row of the gateway's payload table: a payload type's rules (Core: how it parses, who signs it, its checks), the
/// handler that acts on it once accepted, and how replay shows it. <see cref="StandardPayloads"/> holds the protocol's six;
/// <c>AddIncxPayload</c> registers a row with a gateway.
/// </summary>
public sealed class PayloadBinding
{
    private PayloadBinding(IPayloadRules rules, Type handler, PayloadReplay? replay)
    {
        Rules = rules;
        Handler = handler;
        Replay = replay;
    }

    /// <summary>The payload type, e.g. <c>incx.v1.IncidentNotice</c>.</summary>
    public string PayloadType => Rules.PayloadType;

    /// <summary>Its receive-side rules.</summary>
    public IPayloadRules Rules { get; }

    /// <summary>The <see cref="PayloadHandler{T}"/> that acts on an accepted one (a singleton).</summary>
    public Type Handler { get; }

    /// <summary>
    /// How replay selects and shows it; null if the history API has neither a kind nor a field for it: it is then
    /// replayed with its envelope and verification, without a decoded payload, and only when no kinds are asked for.
    /// </summary>
    public PayloadReplay? Replay { get; }

    /// <summary>A payload type of the protocol (its rules from <see cref="PayloadRegistry.Default"/>), replayed as <paramref name="kind"/>.</summary>
    public static PayloadBinding For<T, THandler>(string kind, Action<ReplayItem, T> show)
        where T : class, IMessage<T>, new()
        where THandler : PayloadHandler<T>
    {
        ArgumentNullException.ThrowIfNull(show);
        var payloadType = new T().Descriptor.FullName;
        var rules = PayloadRegistry.Default.Find(payloadType)
            ?? throw new ArgumentException($"Core's default registry has no rules for '{payloadType}': bind it with its own rules.", nameof(show));
        return new(rules, typeof(THandler), new PayloadReplay(kind, (item, payload) => show(item, (T)payload)));
    }

    /// <summary>A payload type with rules of its own, which the history API has no field for.</summary>
    public static PayloadBinding For<T, THandler>(PayloadRules<T> rules)
        where T : class, IMessage<T>, new()
        where THandler : PayloadHandler<T>
    {
        ArgumentNullException.ThrowIfNull(rules);
        return new(rules, typeof(THandler), null);
    }
}
