namespace IncidentExchange.Store;

/// <summary>The database was written by a newer version of the code (its schema is newer than this code knows): refused at start.</summary>
public sealed class StoreVersionException : Exception
{
    /// <summary>Creates the exception with its one-sentence message.</summary>
    public StoreVersionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with no message.</summary>
    public StoreVersionException()
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public StoreVersionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
