namespace IncidentExchange.Core.Inbound;

/// <summary>Values from a peer, made safe to quote in logs and quarantine headers.</summary>
public static class PeerValues
{
    /// <summary>At most 64 characters, control characters replaced by '?' (no log injection).</summary>
    public static string Printable(string value) =>
        new(value.Take(64).Select(c => char.IsControl(c) ? '?' : c).ToArray());
}
