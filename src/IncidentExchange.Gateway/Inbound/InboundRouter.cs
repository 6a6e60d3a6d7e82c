using System.Diagnostics;
using IncidentExchange.Core.Inbound;
using IncidentExchange.Gateway.Configuration;
using IncidentExchange.Gateway.Observability;

namespace IncidentExchange.Gateway.Inbound;

/// <summary>
/// The receive path of a node: every inbox message is inspected (size, signature, signer, key validity, the rules of its
/// payload type: Core's <see cref="EnvelopeInspector"/>); what fails is quarantined, what passes goes to the handler of
/// its payload type (<see cref="PayloadTable"/>). Bad input never throws out of here, so one hostile message cannot stop
/// the consumer.
/// </summary>
public sealed class InboundRouter
{
    private readonly NodeIdentity _identity;
    private readonly InboundQuarantine _quarantine;
    private readonly Dictionary<string, IPayloadHandler> _handlers;

    /// <summary>Resolves the handler of every payload type in <paramref name="payloads"/> from <paramref name="services"/>.</summary>
    public InboundRouter(NodeIdentity identity, PayloadTable payloads, InboundQuarantine quarantine, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(payloads);
        ArgumentNullException.ThrowIfNull(services);
        _identity = identity ?? throw new ArgumentNullException(nameof(identity));
        _quarantine = quarantine ?? throw new ArgumentNullException(nameof(quarantine));
        _handlers = payloads.All.ToDictionary(
            binding => binding.PayloadType, binding => (IPayloadHandler)services.GetRequiredService(binding.Handler), StringComparer.Ordinal);
    }

    /// <summary>Handles one inbox message; returns once it is handled or durably quarantined.</summary>
    public async Task HandleAsync(InboundMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var activity = GatewayTelemetry.Source.StartActivity("incx.receive", ActivityKind.Consumer);
        activity?.SetTag("messaging.message.id", message.MessageId).SetTag("messaging.rabbitmq.destination.routing_key", message.RoutingKey);
        var result = _identity.Inspector.Inspect(message.Body);
        activity?.SetTag("incx.payload_type", result.Envelope?.PayloadType).SetTag("incx.signer", result.Envelope?.Signer).SetTag("incx.outcome", "accepted");
        switch (result)
        {
            case InspectionResult.Accepted accepted:
                // The inspector accepts only the table's payload types, so each has its handler.
                await _handlers[accepted.Envelope.PayloadType].HandleAsync(message, accepted.Envelope, accepted.Payload, cancellationToken);
                break;
            case InspectionResult.Rejected rejected:
                await _quarantine.QuarantineAsync(message, rejected.Reason, rejected.Detail, cancellationToken);
                break;
        }
    }
}
