using IncidentExchange.Contracts.V1;
using IncidentExchange.Gateway.History;

namespace IncidentExchange.Gateway.Inbound;

/// <summary>
/// The history copy of an accepted envelope: journaled now (before the inbox message is acknowledged), written to the
/// stream in the background by the <see cref="HistoryOutbox"/>.
/// </summary>
public sealed class InboundHistory(HistoryRecorder recorder, HistoryOutbox outbox)
{
    /// <summary>Records <paramref name="message"/> under its own AMQP message-id.</summary>
    public ValueTask RecordAsync(InboundMessage message, Envelope envelope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return RecordAsync(message, envelope, message.MessageId ?? "", cancellationToken);
    }

    /// <summary>Records <paramref name="message"/> under <paramref name="messageId"/>.</summary>
    public ValueTask RecordAsync(InboundMessage message, Envelope envelope, string messageId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(envelope);
        return outbox.EnqueueAsync(recorder.ReceivedEntry(message.Body, envelope.Signer, envelope.PayloadType, messageId), cancellationToken);
    }
}
