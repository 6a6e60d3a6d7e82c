namespace IncidentExchange.Messaging.Federation;

/// <summary>A peer node and the AMQP URI its broker is reached at.</summary>
public sealed record FederationPeer(string Node, Uri AmqpUri);
