using Google.Protobuf;
using IncidentExchange.Contracts.V1;

namespace IncidentExchange.Gateway.Inbound;

/// <summary>How the history API shows one payload type (history.proto).</summary>
/// <param name="Kind">The name <c>ReplayRequest.kinds</c> selects it by, e.g. <c>notice</c>.</param>
/// <param name="Show">Puts a parsed payload into its field of a <see cref="ReplayItem"/>.</param>
public sealed record PayloadReplay(string Kind, Action<ReplayItem, IMessage> Show);
