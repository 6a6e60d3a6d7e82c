using IncidentExchange.Core.Inbound.Payloads;

namespace IncidentExchange.Gateway.Inbound;

/// <summary>
/// The payload types this gateway handles: every <see cref="PayloadBinding"/> registered with it. The inspectors check
/// against its <see cref="Registry"/>, the <see cref="InboundRouter"/> routes by it, replay shows items by it.
/// </summary>
public sealed class PayloadTable
{
    private readonly Dictionary<string, PayloadBinding> _byType;

    /// <summary>A table of <paramref name="bindings"/>; each payload type at most once.</summary>
    public PayloadTable(IEnumerable<PayloadBinding> bindings)
    {
        ArgumentNullException.ThrowIfNull(bindings);
        All = [.. bindings];
        // Refuses a payload type bound twice, with its name.
        Registry = new PayloadRegistry(All.Select(binding => binding.Rules));
        _byType = All.ToDictionary(binding => binding.PayloadType, StringComparer.Ordinal);
    }

    /// <summary>Every binding, in registration order.</summary>
    public IReadOnlyList<PayloadBinding> All { get; }

    /// <summary>The rules of every bound type, for the inspectors.</summary>
    public PayloadRegistry Registry { get; }

    /// <summary>The binding of <paramref name="payloadType"/>, or null if this gateway does not handle it.</summary>
    public PayloadBinding? Find(string payloadType) => _byType.GetValueOrDefault(payloadType);
}
