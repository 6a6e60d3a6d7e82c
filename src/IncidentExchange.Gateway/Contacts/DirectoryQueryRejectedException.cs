using IncidentExchange.Core.Failures;

namespace IncidentExchange.Gateway.Contacts;

/// <summary>A directory lookup that names no possible node (its id breaks the node id rule).</summary>
public sealed class DirectoryQueryRejectedException(FieldViolation violation) : RequestRejectedException(violation);
