namespace IncidentExchange.Core.Crypto;

/// <summary>Files holding secrets (private keys, client tokens): created 0600, refused when others can read them.</summary>
public static class SecretFiles
{
    private const UnixFileMode ForbiddenForSecrets =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>
    /// Creates <paramref name="path"/> (never overwriting) with mode 0600 from the first byte, so the secret is
    /// never readable by others, and lets <paramref name="write"/> fill it.
    /// </summary>
    public static void CreateNew(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var stream = new FileStream(path, options);
        write(stream);
    }

    /// <summary>Throws <see cref="KeyFileException"/> if <paramref name="path"/> is missing or group or others may access it.</summary>
    public static void RequirePrivate(string path, string what)
    {
        if (!File.Exists(path))
        {
            throw new KeyFileException($"{what} {path} does not exist.");
        }

        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & ForbiddenForSecrets) != 0)
        {
            throw new KeyFileException($"{what} {path} is accessible by group or others; run 'chmod 600 {path}'.");
        }
    }
}
