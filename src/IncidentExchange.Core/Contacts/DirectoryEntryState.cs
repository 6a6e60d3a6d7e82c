namespace IncidentExchange.Core.Contacts;

/// <summary>What the directory holds about one node at one moment.</summary>
/// <param name="NodeId">The node.</param>
/// <param name="PinnedKeyIds">Key ids pinned for it in configuration, sorted.</param>
/// <param name="Current">Its current record, or null while none was accepted.</param>
/// <param name="Conflicts">Records refused because they repeated the current version with other content.</param>
/// <param name="Stale">Records ignored because their version was not above the current one.</param>
public sealed record DirectoryEntryState(string NodeId, IReadOnlyList<string> PinnedKeyIds, AcceptedRecord? Current, int Conflicts, int Stale);
