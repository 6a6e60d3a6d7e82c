using IncidentExchange.Core.Failures;

namespace IncidentExchange.Gateway.Grpc;

/// <summary>A message in a request stream is not the method's protobuf message.</summary>
public sealed class MalformedRequestException(string message, Exception? inner = null)
    : IncxException(FailureKind.InvalidArgument, message, innerException: inner);
