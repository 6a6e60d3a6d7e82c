using System.Text.Json.Nodes;

namespace IncidentExchange.Messaging.Federation;

/// <summary>A queue as the management API reports it.</summary>
/// <param name="Name">Queue name.</param>
/// <param name="Arguments">Its declaration arguments.</param>
/// <param name="Messages">Ready plus unacknowledged messages (reported with a few seconds' delay).</param>
/// <param name="Consumers">Consumers attached now.</param>
public sealed record QueueInfo(string Name, JsonObject Arguments, long Messages, int Consumers);
