namespace IncidentExchange.Core.Crypto;

/// <summary>A key file is missing, malformed or unsafe; the message is one sentence for the user.</summary>
public sealed class KeyFileException(string message) : Exception(message);
