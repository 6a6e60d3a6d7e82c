using Google.Protobuf.Reflection;

namespace IncidentExchange.Contracts.V1;

/// <summary>
/// Builds the descriptors of every incx .proto file, on the calling thread.
/// </summary>
/// <remarks>
/// Google.Protobuf fills a static, unsynchronised cache of extensions while it builds a file's descriptor
/// (protocolbuffers/protobuf#29696, still open in 3.36.2). When two threads touch two of our messages for the first
/// time at once (a hosted service inspecting an envelope while Kestrel answers the first gRPC call), the cache can be
/// corrupted and a type initializer fail for the rest of the process: every call then answers 500. Call this before
/// starting anything concurrent; later calls are cheap. Remove it once a Google.Protobuf release carries the fix
/// (protocolbuffers/protobuf#29707).
/// </remarks>
public static class IncxDescriptors
{
    /// <summary>Builds (or returns the already built) descriptor of each file, with its imports.</summary>
    public static IReadOnlyList<FileDescriptor> BuildAll() =>
    [
        EnvelopeReflection.Descriptor,
        NoticeReflection.Descriptor,
        ContactReflection.Descriptor,
        ReceiptReflection.Descriptor,
        CheckReflection.Descriptor,
        ResendReflection.Descriptor,
        DirectoryReflection.Descriptor,
        HistoryReflection.Descriptor,
        GatewayReflection.Descriptor,
    ];
}
