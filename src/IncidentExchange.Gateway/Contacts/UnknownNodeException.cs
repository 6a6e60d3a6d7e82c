using IncidentExchange.Core.Failures;

namespace IncidentExchange.Gateway.Contacts;

/// <summary>The directory holds nothing about a node: no key is pinned for it and no record of it arrived.</summary>
public sealed class UnknownNodeException(string nodeId)
    : IncxException(FailureKind.NotFound, $"This node knows nothing about node '{nodeId}': no key is pinned for it and no record of it arrived.");
