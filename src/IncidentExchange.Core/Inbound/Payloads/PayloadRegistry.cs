namespace IncidentExchange.Core.Inbound.Payloads;

/// <summary>
/// The payload types a node accepts (protos/README.md §10, step 4), each with its rules: the one table the
/// <see cref="EnvelopeInspector"/> consults. Adding a payload type is one <see cref="PayloadRules{T}"/> and one entry here
/// (or, for a node that accepts more than the protocol's six, <see cref="With"/>).
/// </summary>
public sealed class PayloadRegistry
{
    private readonly Dictionary<string, IPayloadRules> _byType;

    /// <summary>A registry of <paramref name="rules"/>; each payload type at most once.</summary>
    public PayloadRegistry(IEnumerable<IPayloadRules> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        All = [.. rules];
        _byType = new Dictionary<string, IPayloadRules>(StringComparer.Ordinal);
        foreach (var entry in All)
        {
            if (!_byType.TryAdd(entry.PayloadType, entry))
            {
                throw new ArgumentException($"Payload type '{entry.PayloadType}' is registered twice.", nameof(rules));
            }
        }
    }

    /// <summary>The six payload types of the protocol.</summary>
    public static PayloadRegistry Default { get; } = new(
    [
        new NoticeRules(),
        new ContactRecordRules(),
        new ReceiptRules(),
        new CheckRules(),
        new ResendRequestRules(),
        new ResendReplyRules(),
    ]);

    /// <summary>Every registered type, in registration order.</summary>
    public IReadOnlyList<IPayloadRules> All { get; }

    /// <summary>The rules of <paramref name="payloadType"/>, or null if this node does not accept it.</summary>
    public IPayloadRules? Find(string payloadType) => _byType.GetValueOrDefault(payloadType);

    /// <summary>This registry and one more type.</summary>
    public PayloadRegistry With(IPayloadRules rules) => new([.. All, rules]);
}
