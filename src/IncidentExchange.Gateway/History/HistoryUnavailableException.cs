using IncidentExchange.Core.Failures;
using IncidentExchange.Messaging;
using RabbitMQ.Client.Exceptions;

namespace IncidentExchange.Gateway.History;

/// <summary>The history stream cannot be read now: the broker is away, or it has not declared the stream yet. Try again later.</summary>
public sealed class HistoryUnavailableException : IncxException
{
    private const string NotDeclared = "The history stream is not available yet (the broker is still starting it, or it could not be declared: see the gateway log); try again in a moment.";

    private HistoryUnavailableException(string message, Exception inner)
        : base(FailureKind.Unavailable, message, innerException: inner)
    {
    }

    /// <summary>What <paramref name="ex"/>, thrown while reading the history, means to the reader; null if it is not a failure to reach it.</summary>
    public static HistoryUnavailableException? From(Exception ex) => ex switch
    {
        // The marker a replay appends is published to the stream's queue: returned unroutable, the queue is not there.
        UnroutableException => new(NotDeclared, ex),
        BrokerUnavailableException or IOException or OperationInterruptedException => new($"The history cannot be read now ({ex.Message}); try again when the broker is back.", ex),
        _ => null,
    };
}
